// The server's JWT signing secret. In order of precedence:
//   1. the configured text (--jwt-secret / CRAFTCHAT_JWT_SECRET),
//   2. the content of a configured file (--jwt-secret-file / CRAFTCHAT_JWT_SECRET_FILE),
//   3. <dataDir>/jwt-secret, generated on first start (32 random bytes as 64 hex digits,
//      file mode 0600 from the moment it exists) and reused on every later start.
// The key used for HMAC is the secret text's UTF-8 bytes, so the same text works with the
// npm jsonwebtoken package. File content is trimmed of surrounding whitespace.
// Secrets are never logged (the resolved secret is registered with the log handler for
// redaction); a file readable by others is reported (the generated one is tightened to 0600).
#pragma once

#include "common/core/result.h"

#include <QByteArray>
#include <QString>

namespace craftchat::auth {

struct JwtSecretSettings
{
    QString secretText; // wins when non-empty
    QString secretFile; // used when secretText is empty and this is non-empty
    QString dataDir;    // where jwt-secret is kept otherwise (created if missing)
};

enum class JwtSecretError {
    None,
    Unreadable,  // a secret file that cannot be read, is too large or empty
    NotWritable, // the generated secret's directory or file cannot be created or written
    NoSource,    // no secret configured and no data directory to keep one in
};

// The secret, or why there is none (with a human-readable message naming the file).
using JwtSecretResult = Result<QByteArray, Error<JwtSecretError>>;

class JwtSecret
{
public:
    static constexpr int GeneratedBytes = 32;
    static constexpr qsizetype RecommendedMinimumBytes = 32;
    static constexpr qint64 MaxFileBytes = 4096;

    // The secret for these settings, or why there is none.
    static JwtSecretResult resolve(const JwtSecretSettings &settings);

    // The trimmed content of an existing secret file (non-empty, at most MaxFileBytes).
    static JwtSecretResult readFile(const QString &path);

    // Reads `path` if it exists, otherwise creates it (mode 0600) with a fresh secret.
    static JwtSecretResult loadOrCreateFile(const QString &path);

    // GeneratedBytes random bytes from libsodium, as lower-case hex text.
    static QByteArray generate();

    static QString defaultFileName() { return QStringLiteral("jwt-secret"); }

private:
    static JwtSecretResult resolveSource(const JwtSecretSettings &settings);
};

} // namespace craftchat::auth
