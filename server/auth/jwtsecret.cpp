#include "server/auth/jwtsecret.h"

#include "server/auth/sodium.h"
#include "server/logging/logcategories.h"
#include "server/logging/loghandler.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace craftchat::auth {

using craftchat::logging::lcAuth;

namespace {

bool isReadableByOthers(const QString &path)
{
    const QFileDevice::Permissions p = QFileInfo(path).permissions();
    return p & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther);
}

void warnIfShort(const QByteArray &secret, const char *source)
{
    if (secret.size() < JwtSecret::RecommendedMinimumBytes)
        qCWarning(lcAuth,
                  "The JWT secret from %s is shorter than %d bytes; use a long random "
                  "secret",
                  source, int(JwtSecret::RecommendedMinimumBytes));
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + written, size_t(data.size() - written));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        written += n;
    }
    return true;
}

} // namespace

QByteArray JwtSecret::generate()
{
    ensureSodium();
    unsigned char bytes[GeneratedBytes];
    randombytes_buf(bytes, sizeof bytes);
    const QByteArray hex = QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes).toHex();
    sodium_memzero(bytes, sizeof bytes);
    return hex;
}

JwtSecretResult JwtSecret::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error<JwtSecretError>{
            JwtSecretError::Unreadable,
            QStringLiteral("Cannot read the JWT secret file %1: %2").arg(path, file.errorString())};
    }
    if (file.size() > MaxFileBytes) {
        return Error<JwtSecretError>{
            JwtSecretError::Unreadable,
            QStringLiteral("The JWT secret file %1 is larger than %2 bytes").arg(path).arg(MaxFileBytes)};
    }
    const QByteArray secret = file.read(MaxFileBytes + 1).trimmed();
    if (secret.isEmpty()) {
        return Error<JwtSecretError>{JwtSecretError::Unreadable,
                                     QStringLiteral("The JWT secret file %1 is empty").arg(path)};
    }
    return secret;
}

JwtSecretResult JwtSecret::loadOrCreateFile(const QString &path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return Error<JwtSecretError>{
            JwtSecretError::NotWritable,
            QStringLiteral("Cannot create the directory %1 for the JWT secret").arg(info.absolutePath())};
    }
    const QByteArray nativePath = QFile::encodeName(path);
    // O_EXCL: if two servers start at once, exactly one creates the file; the other reads it.
    // Mode 0600 is applied at creation, so the secret is never readable by others, not even
    // for a moment; fchmod makes sure a restrictive umask did not leave it unreadable to us.
    const int fd = ::open(nativePath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0 && errno != EEXIST) {
        return Error<JwtSecretError>{JwtSecretError::NotWritable,
                                     QStringLiteral("Cannot create the JWT secret file %1: %2")
                                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)))};
    }
    if (fd >= 0) {
        ::fchmod(fd, S_IRUSR | S_IWUSR);
        const QByteArray secret = generate();
        const bool ok = writeAll(fd, secret + '\n') && ::fsync(fd) == 0;
        const int savedErrno = errno;
        ::close(fd);
        if (!ok) {
            ::unlink(nativePath.constData());
            return Error<JwtSecretError>{JwtSecretError::NotWritable,
                                         QStringLiteral("Cannot write the JWT secret file %1: %2")
                                             .arg(path, QString::fromLocal8Bit(std::strerror(savedErrno)))};
        }
        qCInfo(lcAuth, "Generated a new JWT secret in %s", qPrintable(path));
        return secret;
    }

    if (isReadableByOthers(path)) {
        qCWarning(lcAuth,
                  "The JWT secret file %s was accessible to other users; restricting "
                  "it to mode 0600",
                  qPrintable(path));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return readFile(path);
}

JwtSecretResult JwtSecret::resolve(const JwtSecretSettings &settings)
{
    auto secret = resolveSource(settings);
    if (secret)
        logging::addLogSecret(QString::fromUtf8(*secret)); // never printed, whatever logs it
    return secret;
}

JwtSecretResult JwtSecret::resolveSource(const JwtSecretSettings &settings)
{
    ensureSodium();
    if (!settings.secretText.isEmpty()) {
        QByteArray secret = settings.secretText.toUtf8();
        warnIfShort(secret, "the configuration");
        return secret;
    }
    if (!settings.secretFile.isEmpty()) {
        auto secret = readFile(settings.secretFile);
        if (secret) {
            if (isReadableByOthers(settings.secretFile))
                qCWarning(lcAuth,
                          "The JWT secret file %s is accessible to other users; "
                          "chmod 600 it",
                          qPrintable(settings.secretFile));
            warnIfShort(*secret, "the secret file");
        }
        return secret;
    }
    if (settings.dataDir.isEmpty()) {
        return Error<JwtSecretError>{JwtSecretError::NoSource,
                                     QStringLiteral("No JWT secret configured and no data directory to keep one in")};
    }
    return loadOrCreateFile(QDir(settings.dataDir).filePath(defaultFileName()));
}

} // namespace craftchat::auth
