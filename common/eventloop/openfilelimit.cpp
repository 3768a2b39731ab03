#include "common/eventloop/openfilelimit.h"

#include <QFile>

#include <sys/resource.h>

namespace craftchat::eventloop {

namespace {

constexpr rlim_t kCeiling = 1u << 20; // 1,048,576 descriptors: more than one process needs

rlim_t kernelCeiling()
{
    QFile nrOpen(QStringLiteral("/proc/sys/fs/nr_open"));
    if (!nrOpen.open(QIODevice::ReadOnly))
        return kCeiling;
    bool ok = false;
    const qulonglong value = nrOpen.readAll().trimmed().toULongLong(&ok);
    return ok && value > 0 ? qMin<rlim_t>(rlim_t(value), kCeiling) : kCeiling;
}

} // namespace

OpenFileLimit raiseOpenFileLimit()
{
    OpenFileLimit result;
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return result;

    const rlim_t ceiling = kernelCeiling();
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < ceiling) {
        const rlimit raised{ceiling, ceiling};
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) { // fails (EPERM) without CAP_SYS_RESOURCE
            limit = raised;
            result.hardRaised = true;
        }
    }
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    result.soft = limit.rlim_cur == RLIM_INFINITY ? qint64(-1) : qint64(limit.rlim_cur);
    result.hard = limit.rlim_max == RLIM_INFINITY ? qint64(-1) : qint64(limit.rlim_max);
    return result;
}

} // namespace craftchat::eventloop
