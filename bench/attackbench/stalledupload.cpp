#include "bench/attackbench/stalledupload.h"

#include <QRandomGenerator>

namespace craftchat::bench {

namespace {
constexpr qint64 DeclaredBytes = 5242880;
constexpr qint64 ChunkBytes = 64 * 1024;
} // namespace

StalledUpload::StalledUpload(int connections, const AttackTarget &target, QObject *parent)
    : TcpAttack(QStringLiteral("stalled-upload"), connections, target, parent)
{
    m_chunk.resize(ChunkBytes);
    QRandomGenerator rng(16);
    for (qsizetype i = 0; i < m_chunk.size(); ++i)
        m_chunk[i] = char(rng.bounded(256));
}

void StalledUpload::connected(Slot &slot)
{
    slot.socket->write(httpHead("POST", "/api/uploads", m_target, DeclaredBytes, "image/png"));
    slot.socket->write(QByteArray::fromRawData("\x89PNG\r\n\x1a\n", 8));
    slot.sent = 8;
    writeMore(slot);
}

void StalledUpload::bytesWritten(Slot &slot)
{
    writeMore(slot);
}

void StalledUpload::writeMore(Slot &slot)
{
    while (slot.sent < DeclaredBytes - 1 && slot.socket->bytesToWrite() < 2 * ChunkBytes) {
        const qint64 n = std::min(ChunkBytes, DeclaredBytes - 1 - slot.sent);
        slot.socket->write(m_chunk.constData(), n);
        slot.sent += n;
    }
}

} // namespace craftchat::bench
