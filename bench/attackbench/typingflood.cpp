#include "bench/attackbench/typingflood.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace craftchat::bench {

namespace {
constexpr int TickMs = 10;
constexpr qint64 MaxPendingBytes = 256 * 1024;
constexpr int SocketsPerAccount = 5;
enum Stage {
    WaitOpen = 0,
    WaitConnect = 1,
    Flooding = 2
};

QString eventName(const QString &frame) // 42["name",...]
{
    const qsizetype start = frame.indexOf(QLatin1Char('"'));
    const qsizetype end = start < 0 ? -1 : frame.indexOf(QLatin1Char('"'), start + 1);
    return end < 0 ? QString() : frame.mid(start + 1, end - start - 1);
}

QString codeOf(const QString &frame) // ..."code":"X"...
{
    const QLatin1String key("\"code\":\"");
    const qsizetype start = frame.indexOf(key);
    const qsizetype end = start < 0 ? -1 : frame.indexOf(QLatin1Char('"'), start + key.size());
    return end < 0 ? QString() : frame.mid(start + key.size(), end - start - key.size());
}
} // namespace

TypingFlood::TypingFlood(int connections, const AttackTarget &target, QObject *parent)
    : WsAttack(QStringLiteral("typing-join-flood"), connections, target, parent)
    , m_tick(new QTimer(this))
{
    m_tick->setInterval(TickMs);
    connect(m_tick, &QTimer::timeout, this, &TypingFlood::flood);
}

void TypingFlood::start()
{
    WsAttack::start();
    m_tick->start();
}

void TypingFlood::textFrame(Slot &slot, const QString &frame)
{
    if (slot.stage == WaitOpen && frame.startsWith(QLatin1Char('0'))) {
        const QString token = m_target.floodTokens.value(slot.index / SocketsPerAccount);
        sendText(slot,
                 QStringLiteral("40")
                     + QString::fromUtf8(
                         QJsonDocument(QJsonObject{{QStringLiteral("token"), token}}).toJson(QJsonDocument::Compact)));
        slot.stage = WaitConnect;
    } else if (frame.startsWith(QLatin1String("40"))) {
        note(QStringLiteral("CONNECT accepted"));
        slot.stage = Flooding;
    } else if (frame.startsWith(QLatin1String("44"))) {
        note(QStringLiteral("CONNECT_ERROR ") + frame.mid(2, 80));
    } else if (frame.startsWith(QLatin1String("42"))) {
        const QString name = eventName(frame);
        const QString code = codeOf(frame);
        note(QStringLiteral("event ") + name + (code.isEmpty() ? QString() : QLatin1Char(' ') + code));
    } else {
        note(QStringLiteral("text frame: ") + frame.left(60));
    }
}

void TypingFlood::flood()
{
    auto &all = connectionSlots();
    if (!m_running || all.empty())
        return;
    m_credit += double(m_target.floodRate) * TickMs / 1000.0;
    // one round over every slot at most per tick: a socket that cannot take more is skipped
    for (size_t visited = 0; visited < all.size() && m_credit >= 1.0; ++visited) {
        Slot &slot = all[m_cursor];
        m_cursor = (m_cursor + 1) % all.size();
        if (!slot.socket || slot.stage != Flooding || slot.pending() > MaxPendingBytes)
            continue;
        const int burst = int(std::min(m_credit, 1.0 + m_credit / double(all.size())));
        for (int i = 0; i < burst; ++i) {
            const qint64 n = ++m_next;
            const QString id = QStringLiteral("no-such-chat-") + QString::number(n);
            const QString event = n % 2 ? QStringLiteral("typing-start") : QStringLiteral("join-chat");
            sendText(slot, QStringLiteral("42[\"%1\",\"%2\"]").arg(event, id));
        }
        m_credit -= burst;
    }
    m_credit = std::min(m_credit, double(m_target.floodRate)); // never owe more than a second
}

} // namespace craftchat::bench
