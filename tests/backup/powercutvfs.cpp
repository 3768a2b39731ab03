#include "tests/backup/powercutvfs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <atomic>
#include <cstring>
#include <mutex>
#include <new>
#include <optional>
#include <sqlite3.h>
#include <vector>

namespace craftchat::testsupport::powercut {

namespace {

struct Op
{
    qint64 offset = 0; // write: where; truncate: the new size
    QByteArray data;   // empty: a truncation
    bool truncate = false;
};

std::mutex g_mutex;
QHash<QString, std::vector<Op>> g_pending; // file name -> writes not yet synced
QString g_folder;
QString g_shadow;
sqlite3_vfs *g_real = nullptr;
sqlite3_vfs g_vfs;
std::atomic<long long> g_syncs{0};

struct File
{
    sqlite3_file base;
    sqlite3_file *real;
    QString *name; // tracked: the file's name in the folder; null: passed through
};

sqlite3_file *realOf(sqlite3_file *f)
{
    return reinterpret_cast<File *>(f)->real;
}

QString shadowPath(const QString &name)
{
    return QDir(g_shadow).filePath(name);
}

void applyPending(const QString &name)
{
    auto it = g_pending.find(name);
    if (it == g_pending.end())
        return;
    QFile shadow(shadowPath(name));
    if (!shadow.open(QIODevice::ReadWrite))
        return;
    for (const Op &op : *it) {
        if (op.truncate) {
            shadow.resize(op.offset);
        } else {
            shadow.seek(op.offset);
            shadow.write(op.data);
        }
    }
    it->clear();
}

int fileClose(sqlite3_file *f)
{
    File *file = reinterpret_cast<File *>(f);
    const int rc = file->real->pMethods->xClose(file->real);
    delete file->name;
    file->name = nullptr;
    return rc;
}

int fileWrite(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset)
{
    File *file = reinterpret_cast<File *>(f);
    const int rc = file->real->pMethods->xWrite(file->real, data, amount, offset);
    if (rc == SQLITE_OK && file->name) {
        std::lock_guard lock(g_mutex);
        g_pending[*file->name].push_back(Op{offset, QByteArray(static_cast<const char *>(data), amount), false});
    }
    return rc;
}

int fileTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    File *file = reinterpret_cast<File *>(f);
    const int rc = file->real->pMethods->xTruncate(file->real, size);
    if (rc == SQLITE_OK && file->name) {
        std::lock_guard lock(g_mutex);
        g_pending[*file->name].push_back(Op{size, {}, true});
    }
    return rc;
}

int fileSync(sqlite3_file *f, int flags)
{
    File *file = reinterpret_cast<File *>(f);
    const int rc = file->real->pMethods->xSync(file->real, flags);
    if (rc == SQLITE_OK && file->name) {
        std::lock_guard lock(g_mutex);
        applyPending(*file->name);
        ++g_syncs;
    }
    return rc;
}

template <auto Method>
struct Forward;

template <typename R, typename... Args, R (*sqlite3_io_methods::*Method)(sqlite3_file *, Args...)>
struct Forward<Method>
{
    static R call(sqlite3_file *f, Args... args) { return (realOf(f)->pMethods->*Method)(realOf(f), args...); }
};

using M = sqlite3_io_methods;
const sqlite3_io_methods g_methods = {
    3,
    fileClose,
    Forward<&M::xRead>::call,
    fileWrite,
    fileTruncate,
    fileSync,
    Forward<&M::xFileSize>::call,
    Forward<&M::xLock>::call,
    Forward<&M::xUnlock>::call,
    Forward<&M::xCheckReservedLock>::call,
    Forward<&M::xFileControl>::call,
    Forward<&M::xSectorSize>::call,
    Forward<&M::xDeviceCharacteristics>::call,
    Forward<&M::xShmMap>::call,
    Forward<&M::xShmLock>::call,
    Forward<&M::xShmBarrier>::call,
    Forward<&M::xShmUnmap>::call,
    Forward<&M::xFetch>::call,
    Forward<&M::xUnfetch>::call,
};

// The file's name when it is tracked (in the folder, not the shared-memory index).
std::optional<QString> trackedName(const char *path)
{
    if (!path)
        return std::nullopt;
    const QString relative = QDir(g_folder).relativeFilePath(QFileInfo(QString::fromUtf8(path)).absoluteFilePath());
    if (relative.startsWith(QLatin1String("..")) || relative.endsWith(QLatin1String("-shm")))
        return std::nullopt;
    return relative;
}

int vfsOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    File *file = reinterpret_cast<File *>(f);
    file->base.pMethods = nullptr;
    file->real = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + sizeof(File));
    file->name = nullptr;
    const int rc = g_real->xOpen(g_real, name, file->real, flags, outFlags);
    if (rc != SQLITE_OK)
        return rc;
    if (!file->real->pMethods || file->real->pMethods->iVersion < 3) {
        if (file->real->pMethods)
            file->real->pMethods->xClose(file->real);
        return SQLITE_CANTOPEN;
    }
    if (const auto tracked = trackedName(name)) {
        file->name = new QString(*tracked);
        std::lock_guard lock(g_mutex);
        QFile shadow(shadowPath(*tracked));
        QDir().mkpath(QFileInfo(shadow).absolutePath());
        if (!shadow.exists() && shadow.open(QIODevice::WriteOnly))
            shadow.close();
    }
    file->base.pMethods = &g_methods;
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs *, const char *path, int syncDir)
{
    const int rc = g_real->xDelete(g_real, path, syncDir);
    if (const auto tracked = trackedName(path)) {
        std::lock_guard lock(g_mutex);
        g_pending.remove(*tracked);
        QFile::remove(shadowPath(*tracked));
    }
    return rc;
}

template <auto Method>
struct ForwardVfs;

template <typename R, typename... Args, R (*sqlite3_vfs::*Method)(sqlite3_vfs *, Args...)>
struct ForwardVfs<Method>
{
    static R call(sqlite3_vfs *, Args... args) { return (g_real->*Method)(g_real, args...); }
};

int vfsGetLastError(sqlite3_vfs *vfs, int size, char *out)
{
    return g_real->xGetLastError ? ForwardVfs<&sqlite3_vfs::xGetLastError>::call(vfs, size, out) : 0;
}

static_assert(sizeof(File) % 8 == 0, "the real file that follows File must stay 8-byte aligned");

} // namespace

bool install(const QString &folder, const QString &shadowFolder)
{
    if (g_real)
        return false;
    sqlite3_vfs *real = sqlite3_vfs_find(nullptr);
    if (!real || real->iVersion < 2 || !QDir().mkpath(folder) || !QDir().mkpath(shadowFolder))
        return false;
    g_folder = QFileInfo(folder).absoluteFilePath();
    g_shadow = QFileInfo(shadowFolder).absoluteFilePath();
    g_real = real;
    std::memset(&g_vfs, 0, sizeof g_vfs);
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = int(sizeof(File)) + real->szOsFile;
    g_vfs.mxPathname = real->mxPathname;
    g_vfs.zName = "craftchat-powercut";
    g_vfs.xOpen = vfsOpen;
    g_vfs.xDelete = vfsDelete;
    g_vfs.xAccess = ForwardVfs<&sqlite3_vfs::xAccess>::call;
    g_vfs.xFullPathname = ForwardVfs<&sqlite3_vfs::xFullPathname>::call;
    g_vfs.xDlOpen = ForwardVfs<&sqlite3_vfs::xDlOpen>::call;
    g_vfs.xDlError = ForwardVfs<&sqlite3_vfs::xDlError>::call;
    g_vfs.xDlSym = ForwardVfs<&sqlite3_vfs::xDlSym>::call;
    g_vfs.xDlClose = ForwardVfs<&sqlite3_vfs::xDlClose>::call;
    g_vfs.xRandomness = ForwardVfs<&sqlite3_vfs::xRandomness>::call;
    g_vfs.xSleep = ForwardVfs<&sqlite3_vfs::xSleep>::call;
    g_vfs.xCurrentTime = ForwardVfs<&sqlite3_vfs::xCurrentTime>::call;
    g_vfs.xGetLastError = vfsGetLastError;
    g_vfs.xCurrentTimeInt64 = ForwardVfs<&sqlite3_vfs::xCurrentTimeInt64>::call;
    return sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
}

bool cut(const QString &subfolder, const QString &target)
{
    std::lock_guard lock(g_mutex);
    if (!QDir().mkpath(target))
        return false;
    const QDir from(shadowPath(subfolder));
    for (const QString &name : from.entryList(QDir::Files)) {
        QFile::remove(QDir(target).filePath(name));
        if (!QFile::copy(from.filePath(name), QDir(target).filePath(name)))
            return false;
    }
    return true;
}

long long syncCount()
{
    return g_syncs.load();
}

} // namespace craftchat::testsupport::powercut
