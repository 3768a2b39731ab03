// Photos on their way to the server: a quick check when the user picks a file (is it a photo
// at all?) and, on a worker thread before the upload, the bytes to send: the file as it is when
// it is a PNG, JPEG or WebP within the limits, otherwise decoded (turned upright), scaled down
// so that its long edge is at most MaxEdge pixels, and encoded as JPEG. Re-encoding also drops the camera's
// metadata (GPS position, serial numbers).
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QSize>
#include <QString>

namespace craftchat::ui {

class PhotoUpload
{
    Q_DECLARE_TR_FUNCTIONS(PhotoUpload)
public:
    static constexpr int MaxEdge = 2560;
    static constexpr int JpegQuality = 85;
    // Larger files are not even read: no phone photo comes near it.
    static constexpr qint64 MaxSourceBytes = 200LL * 1024 * 1024;

    struct Prepared
    {
        QByteArray bytes;
        QSize size;          // of the picture sent
        bool scaled = false; // smaller than the original
        QString error;       // "" when bytes are ready
    };

    // "" when `path` is a photo the app can send; otherwise why not, for the user. Reads only
    // the file's header (cheap enough for the GUI thread).
    static QString check(const QString &path);
    // The bytes to upload for `path`, at most maxBytes. Blocking: call it on a worker thread.
    static Prepared prepare(const QString &path, qint64 maxBytes, int maxEdge = MaxEdge);
};

} // namespace craftchat::ui
