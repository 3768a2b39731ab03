// Password hashes: argon2id through libsodium's crypto_pwhash_str, as self-describing strings
// ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so a hash verifies whatever limits made it.
// Hashing costs tens of milliseconds and a lot of memory on purpose: never call hash() or
// verify() on the event loop thread of a server; use AsyncPasswordHasher.
#pragma once

#include <QString>

#include <optional>

namespace craftchat::auth {

struct PasswordHashLimits
{
    unsigned long long opsLimit = 0;
    size_t memLimit = 0;

    // libsodium's INTERACTIVE limits (2 passes, 64 MiB): the server default.
    static PasswordHashLimits interactive();
    // libsodium's MODERATE limits (3 passes, 256 MiB).
    static PasswordHashLimits moderate();
    // The smallest limits libsodium accepts: fast, for tests only.
    static PasswordHashLimits minimum();
};

class PasswordHasher
{
public:
    // Passwords longer than this (in UTF-8 bytes) are refused by hash() and never match.
    static constexpr qsizetype MaxPasswordBytes = 4096;

    explicit PasswordHasher(PasswordHashLimits limits = PasswordHashLimits::interactive());

    const PasswordHashLimits &limits() const { return m_limits; }

    // The hash string of `password` (UTF-8), or nullopt if hashing failed (out of memory,
    // password too long). Thread-safe.
    std::optional<QString> hash(const QString &password) const;

    // True when `password` matches `hash`. Garbage, empty or over-long hash strings are
    // simply false. Thread-safe.
    static bool verify(const QString &password, const QString &hash);

    // True when `hash` was made with other limits than this hasher's (or is not a valid
    // argon2id string): re-hash it after a successful login.
    bool needsRehash(const QString &hash) const;

private:
    PasswordHashLimits m_limits;
};

} // namespace craftchat::auth
