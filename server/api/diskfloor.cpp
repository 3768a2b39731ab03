#include "server/api/diskfloor.h"

#include "server/logging/logcategories.h"

#include <QStorageInfo>

namespace craftchat::api {

bool DiskFloor::isLow()
{
    if (m_minFree <= 0)
        return false;
    const QStorageInfo storage(m_directory);
    const qint64 available = storage.isValid() ? storage.bytesAvailable() : -1;
    const bool low = available >= 0 && available < m_minFree;
    if (low != m_low) {
        m_low = low;
        if (low)
            qCWarning(logging::lcServer).noquote()
                << "disk space low:" << available << "bytes free in" << m_directory << "(floor" << m_minFree
                << "); uploads are refused until there is more";
        else
            qCInfo(logging::lcServer).noquote() << "disk space back above the floor:" << available << "bytes free in"
                                                << m_directory << "; uploads accepted again";
    }
    return low;
}

} // namespace craftchat::api
