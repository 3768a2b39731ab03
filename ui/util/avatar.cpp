#include "ui/util/avatar.h"

#include <QCryptographicHash>
#include <QPainter>
#include <QPainterPath>
#include <array>

namespace craftchat::ui {

QColor avatarColor(const QString &id)
{
    static const std::array<QRgb, 10> palette = {
        0xff1e88e5, 0xff43a047, 0xffe53935, 0xff8e24aa, 0xfff4511e,
        0xff00897b, 0xff3949ab, 0xffd81b60, 0xff6d4c41, 0xff5e35b1,
    };
    const QByteArray hash = QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha1);
    const auto index = static_cast<unsigned char>(hash.at(0)) % palette.size();
    return QColor::fromRgb(palette[index]);
}

QString initials(const QString &fullName)
{
    const QStringList parts = fullName.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return QStringLiteral("?");
    QString result = parts.first().left(1).toUpper();
    if (parts.size() > 1)
        result += parts.last().left(1).toUpper();
    return result;
}

QPixmap renderAvatar(const QString &id, const QString &fullName, const QPixmap &picture, int size,
                     qreal devicePixelRatio)
{
    QPixmap pixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath circle;
    circle.addEllipse(QRectF(0, 0, size, size));
    if (!picture.isNull()) {
        painter.setClipPath(circle);
        painter.drawPixmap(QRect(0, 0, size, size), picture);
        return pixmap;
    }
    painter.fillPath(circle, avatarColor(id));
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(qMax(8, size * 2 / 5));
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, initials(fullName));
    return pixmap;
}

} // namespace craftchat::ui
