#include "server/api/invitationcode.h"

#include "common/contract/contract.h"

#include <QRandomGenerator>

#include <array>

namespace craftchat::api {

namespace {
constexpr char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
} // namespace

QString newInvitationCode()
{
    std::array<quint32, 4> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    // 128 bits, five at a time from the most significant: 25 full groups and 3 bits.
    QString code;
    code.reserve(InvitationCodeLength);
    quint64 buffer = 0;
    int bits = 0;
    for (const quint32 word : words) {
        buffer = (buffer << 32) | word;
        bits += 32;
        while (bits >= 5) {
            bits -= 5;
            code.append(QLatin1Char(Alphabet[(buffer >> bits) & 31]));
        }
        buffer &= (quint64(1) << bits) - 1;
    }
    if (bits > 0)
        code.append(QLatin1Char(Alphabet[(buffer << (5 - bits)) & 31]));
    return code;
}

QString normalisedInvitationCode(const QString &text)
{
    if (text.size() > 64)
        return {};
    QString code;
    code.reserve(InvitationCodeLength);
    for (const QChar c : text) {
        if (c == QLatin1Char(' ') || c == QLatin1Char('-'))
            continue;
        const QChar upper = c.toUpper();
        const bool ok = (upper >= QLatin1Char('A') && upper <= QLatin1Char('Z'))
                        || (upper >= QLatin1Char('2') && upper <= QLatin1Char('7'));
        if (!ok)
            return {};
        code.append(upper);
    }
    return code.size() == InvitationCodeLength ? code : QString();
}

} // namespace craftchat::api
