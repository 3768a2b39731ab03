#include "server/api/uploadsink.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

#include <fcntl.h>
#include <unistd.h>

namespace craftchat::api {

namespace {

bool syncPath(const QString &path, bool directory)
{
    const int fd = ::open(QFile::encodeName(path).constData(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

} // namespace

UploadSink::UploadSink(const QString &uploadDir)
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    const QString name = QStringLiteral(".incoming-")
                         + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex())
                         + QStringLiteral(".part");
    m_file.setFileName(QDir(uploadDir).filePath(name));
    // Unbuffered: the body arrives in pieces of up to 64 KiB, each written as it comes.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
        m_file.setFileName(QString());
}

UploadSink::~UploadSink()
{
    if (m_kept)
        return;
    if (m_file.isOpen())
        m_file.close();
    if (!m_file.fileName().isEmpty())
        QFile::remove(m_file.fileName());
    if (!m_replacement.isEmpty())
        QFile::remove(m_replacement);
}

bool UploadSink::write(const char *data, qsizetype size)
{
    if (!m_file.isOpen() || m_file.write(data, size) != size)
        return false;
    m_size += size;
    return true;
}

bool UploadSink::finish()
{
    if (!m_file.isOpen())
        return !m_file.fileName().isEmpty();
    const bool flushed = m_file.flush();
    m_file.close();
    return flushed && m_file.error() == QFileDevice::NoError;
}

void UploadSink::replaceWith(const QString &path, qint64 size)
{
    if (!m_replacement.isEmpty())
        QFile::remove(m_replacement);
    m_replacement = path;
    m_size = size;
}

bool UploadSink::keep(const QString &finalPath)
{
    const QString source = m_replacement.isEmpty() ? m_file.fileName() : m_replacement;
    // On the disk before the upload's row commits: a power cut must not leave a row whose file
    // is empty or missing (the folder's entry is synced after the rename).
    if (!syncPath(source, false))
        return false;
    if (!QFile::rename(source, finalPath))
        return false;
    m_kept = true;
    syncPath(QFileInfo(finalPath).absolutePath(), true);
    if (!m_replacement.isEmpty())
        QFile::remove(m_file.fileName()); // the original, metadata and all
    return true;
}

} // namespace craftchat::api
