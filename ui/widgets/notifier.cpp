#include "ui/widgets/notifier.h"

#include <QGuiApplication>
#include <QIcon>
#include <QMenu>
#include <QPainter>
#include <QSvgRenderer>
#include <QSystemTrayIcon>

namespace craftchat::ui {

Notifier::Notifier(QObject *parent)
    : QObject(parent)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(trayIcon(0), this);
        m_tray->setToolTip(tr("CraftChat"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_lastChatId.isEmpty())
                emit chatRequested(m_lastChatId);
        });
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                emit activated();
        });
        m_tray->show();
    }
}

Notifier::~Notifier() = default;

QIcon Notifier::trayIcon(int unread)
{
    QIcon icon;
    QSvgRenderer renderer(QStringLiteral(":/icons/tray.svg"));
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter, QRectF(0, 0, size, size));
        if (unread > 0) {
            const qreal d = size * 0.55;
            const QRectF dot(size - d, 0, d, d);
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(0xe5, 0x39, 0x35));
            painter.drawEllipse(dot);
            QFont font = painter.font();
            font.setBold(true);
            font.setPixelSize(qMax(6, int(d * 0.7)));
            painter.setFont(font);
            painter.setPen(Qt::white);
            painter.drawText(dot, Qt::AlignCenter, unread > 9 ? QStringLiteral("9+") : QString::number(unread));
        }
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

void Notifier::setUnreadTotal(int total)
{
    m_total = total;
    if (!m_tray)
        return;
    m_tray->setIcon(trayIcon(total));
    m_tray->setToolTip(total > 0 ? tr("CraftChat: %n unread", nullptr, total) : tr("CraftChat"));
}

void Notifier::setMenu(QMenu *menu)
{
    if (m_tray)
        m_tray->setContextMenu(menu);
}

void Notifier::show(const QString &chatId, const QString &title, const QString &body)
{
    m_lastChatId = chatId;
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, body, trayIcon(0), 6000);
    emit shown(chatId, title, body);
}

} // namespace craftchat::ui
