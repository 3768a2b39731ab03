#include "server/storage/ids.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QRandomGenerator>
#include <QtEndian>

#include <atomic>

namespace craftchat::storage {

namespace {

QByteArray randomBytes(int bytes)
{
    QList<quint32> words((bytes + 3) / 4);
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.constData()), bytes);
}

} // namespace

QString randomHex(int bytes)
{
    return QString::fromLatin1(randomBytes(bytes).toHex());
}

QString newId()
{
    // Starts at a random value so that ids of two runs of the server within one second do
    // not line up; wraps around after 2^32 ids, which only costs the index one middle insert.
    static std::atomic<quint32> counter{QRandomGenerator::system()->generate()};
    char id[12];
    qToBigEndian(quint32(QDateTime::currentSecsSinceEpoch()), id);
    qToBigEndian(counter.fetch_add(1, std::memory_order_relaxed), id + 4);
    // Not a secret (see ids.h): the securely seeded global generator, without a system call.
    qToBigEndian(QRandomGenerator::global()->generate(), id + 8);
    return QString::fromLatin1(QByteArray(id, sizeof id).toHex());
}

} // namespace craftchat::storage
