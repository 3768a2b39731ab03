// Craftsmen to start a chat with (GET /api/users?role=craftsman).
#pragma once

#include "common/contract/userprofile.h"

#include <QAbstractListModel>

namespace craftchat::ui {

class CraftsmanListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        PictureRole
    };

    explicit CraftsmanListModel(QObject *parent = nullptr);

    // Sorted by name (locale-aware), without duplicates.
    void setProfiles(const QList<contract::UserProfile> &profiles);
    contract::UserProfile profileAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    QList<contract::UserProfile> m_profiles;
};

} // namespace craftchat::ui
