// The body of an upload as it arrives: written to a temporary file in the uploads directory
// (".incoming-<random>.part"), never held in memory. Renamed into place by keep(); removed by
// the destructor otherwise (a refused upload, a client that went away, a failed write), so no
// partial file is ever left behind.
#pragma once

#include "server/http/httpmessage.h"

#include <QFile>
#include <QString>

namespace craftchat::api {

class UploadSink : public http::HttpBodySink
{
public:
    // Opens the temporary file; isOpen() false when that failed.
    explicit UploadSink(const QString &uploadDir);
    ~UploadSink() override;

    bool isOpen() const { return m_file.isOpen(); }
    bool write(const char *data, qsizetype size) override;
    qint64 size() const { return m_size; }
    // Flushes and closes the temporary file (before it is read back or renamed).
    bool finish();
    QString temporaryPath() const { return m_file.fileName(); }
    // Puts `path` in place of the temporary file (e.g. a cleaned copy); the sink removes it too
    // unless kept.
    void replaceWith(const QString &path, qint64 size);
    // Renames the file to `finalPath`; the sink no longer removes it.
    bool keep(const QString &finalPath);

private:
    QFile m_file;
    QString m_replacement;
    qint64 m_size = 0;
    bool m_kept = false;
};

} // namespace craftchat::api
