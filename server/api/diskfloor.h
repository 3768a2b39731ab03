// The free-disk floor of the uploads directory: below it uploads are refused (507) while
// messages still flow. The state is read from the file system when asked (a statvfs call);
// each change is logged once, and /metrics shows it as chat_disk_low.
#pragma once

#include <QString>

namespace craftchat::api {

class DiskFloor
{
public:
    DiskFloor(QString directory, qint64 minFreeBytes)
        : m_directory(std::move(directory))
        , m_minFree(minFreeBytes)
    {}

    // True while less than the floor is free (never with a floor of 0).
    bool isLow();
    qint64 minFreeBytes() const { return m_minFree; }

private:
    QString m_directory;
    qint64 m_minFree = 0;
    bool m_low = false;
};

} // namespace craftchat::api
