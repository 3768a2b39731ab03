#include "ids.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QRandomGenerator>
#include <QtEndian>

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
    char id[12];
    qToBigEndian(quint32(QDateTime::currentSecsSinceEpoch()), id);
    const QByteArray tail = randomBytes(8);
    std::copy(tail.cbegin(), tail.cend(), id + 4);
    return QString::fromLatin1(QByteArray(id, sizeof id).toHex());
}

} // namespace craftchat::storage
