#include "bench/attackbench/preconnectbinary.h"

#include "common/protocol/socketiopacket.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace craftchat::bench {

namespace {
constexpr int AnnouncedAttachments = 10;
constexpr int SentAttachments = 9;
constexpr qsizetype AttachmentBytes = 999000;
// stage: 0 waiting for the open packet, 1 + n: header and n attachments sent
constexpr int StageHeaderSent = 1;
} // namespace

PreConnectBinary::PreConnectBinary(int connections, const AttackTarget &target, QObject *parent)
    : WsAttack(QStringLiteral("pre-connect-binary"), connections, target, parent)
    , m_payload(AttachmentBytes, 'b')
{
    QJsonArray args{QStringLiteral("upload")};
    for (int i = 0; i < AnnouncedAttachments; ++i)
        args.append(protocol::sio::placeholder(i));
    // Engine.IO MESSAGE "4", Socket.IO BINARY_EVENT "5", attachment count, namespace "/" omitted
    m_header = QStringLiteral("45") + QString::number(AnnouncedAttachments) + QLatin1Char('-')
               + QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact));
}

void PreConnectBinary::textFrame(Slot &slot, const QString &frame)
{
    if (slot.stage == 0 && frame.startsWith(QLatin1Char('0'))) {
        sendText(slot, m_header);
        slot.stage = StageHeaderSent;
        sendMore(slot);
        return;
    }
    note(QStringLiteral("text frame: ") + frame.left(60));
}

void PreConnectBinary::bytesWritten(Slot &slot)
{
    sendMore(slot);
}

void PreConnectBinary::sendMore(Slot &slot)
{
    while (slot.stage >= StageHeaderSent && slot.stage < StageHeaderSent + SentAttachments
           && slot.pending() <= 0) { // one attachment in the tool's buffers at a time
        sendBinary(slot, m_payload);
        ++slot.stage;
        if (slot.stage == StageHeaderSent + SentAttachments)
            note(QStringLiteral("9 attachments sent"));
    }
}

} // namespace craftchat::bench
