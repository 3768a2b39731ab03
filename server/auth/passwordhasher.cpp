#include "server/auth/passwordhasher.h"

#include "server/auth/sodium.h"

#include <QByteArray>

#include <sodium.h>

namespace craftchat::auth {

PasswordHashLimits PasswordHashLimits::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHashLimits PasswordHashLimits::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

PasswordHashLimits PasswordHashLimits::minimum()
{
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(PasswordHashLimits limits)
    : m_limits(limits)
{
    ensureSodium();
}

std::optional<QString> PasswordHasher::hash(const QString &password) const
{
    QByteArray utf8 = password.toUtf8();
    if (utf8.size() > MaxPasswordBytes)
        return std::nullopt;
    char out[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()), m_limits.opsLimit, m_limits.memLimit);
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    if (rc != 0)
        return std::nullopt;
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &password, const QString &hash)
{
    ensureSodium();
    // crypto_pwhash_str_verify needs a NUL-terminated string shorter than STRBYTES.
    if (hash.isEmpty() || hash.size() >= qsizetype(crypto_pwhash_STRBYTES))
        return false;
    const QByteArray hashBytes = hash.toLatin1();
    QByteArray utf8 = password.toUtf8();
    if (utf8.size() > MaxPasswordBytes)
        return false;
    const bool ok = crypto_pwhash_str_verify(hashBytes.constData(), utf8.constData(), quint64(utf8.size())) == 0;
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    return ok;
}

bool PasswordHasher::needsRehash(const QString &hash) const
{
    if (hash.isEmpty() || hash.size() >= qsizetype(crypto_pwhash_STRBYTES))
        return true;
    const QByteArray hashBytes = hash.toLatin1();
    return crypto_pwhash_str_needs_rehash(hashBytes.constData(), m_limits.opsLimit, m_limits.memLimit) != 0;
}

} // namespace craftchat::auth
