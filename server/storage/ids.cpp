#include "ids.h"

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>

namespace craftchat::storage {

QString randomHex(int bytes)
{
    QList<quint32> words((bytes + 3) / 4);
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char *>(words.constData()), bytes);
    return QString::fromLatin1(raw.toHex());
}

} // namespace craftchat::storage
