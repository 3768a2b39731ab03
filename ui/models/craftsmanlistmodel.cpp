#include "ui/models/craftsmanlistmodel.h"

#include <QCollator>
#include <QSet>

namespace craftchat::ui {

CraftsmanListModel::CraftsmanListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void CraftsmanListModel::setProfiles(const QList<contract::UserProfile> &profiles)
{
    beginResetModel();
    m_profiles.clear();
    QSet<QString> seen;
    for (const auto &p : profiles) {
        if (p.id.isEmpty() || seen.contains(p.id))
            continue;
        seen.insert(p.id);
        m_profiles.append(p);
    }
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::stable_sort(m_profiles.begin(), m_profiles.end(),
                     [&](const contract::UserProfile &a, const contract::UserProfile &b) {
                         return collator.compare(a.fullName, b.fullName) < 0;
                     });
    endResetModel();
}

contract::UserProfile CraftsmanListModel::profileAt(int row) const
{
    return row >= 0 && row < m_profiles.size() ? m_profiles[row] : contract::UserProfile{};
}

int CraftsmanListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_profiles.size());
}

QVariant CraftsmanListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &p = m_profiles[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return p.fullName;
    case IdRole:
        return p.id;
    case PictureRole:
        return p.profilePicture.value_or(QString());
    default:
        return {};
    }
}

} // namespace craftchat::ui
