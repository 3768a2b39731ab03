#include "batchedwalvfs.h"

#include <sqlite3.h>

#include <QtEndian>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

namespace craftchat::storage::batchedwal {

namespace {

constexpr char kVfsName[] = "craftchat-batched-wal";

// WAL file format (https://www.sqlite.org/fileformat2.html#walformat): a 32-byte header whose
// bytes 8..11 are the page size, then frames of a 24-byte header plus one page; bytes 4..7 of
// a frame header are non-zero only in the frame that ends a transaction.
constexpr qint64 kWalHeaderBytes = 32;
constexpr qint64 kFrameHeaderBytes = 24;
constexpr quint32 kWalMagicLittle = 0x377f0682;
constexpr quint32 kWalMagicBig = 0x377f0683;
// Gathered data is written out when it reaches this much (a large transaction). SQLite's unix
// VFS takes at most 128 KiB - 1 per write call (it masks the length to 17 bits), and one
// write here is at most one page (up to 64 KiB) more than this.
constexpr qsizetype kMaxGathered = 64 * 1024;
constexpr qsizetype kMaxWriteCall = 0x1ffff;

sqlite3_vfs *g_real = nullptr;
sqlite3_vfs g_vfs{};

std::atomic<quint64> g_walWriteCalls{0};
std::atomic<quint64> g_walFlushes{0};
std::atomic<quint64> g_walBytes{0};
std::atomic<quint64> g_commitFlushes{0};

struct WalGather
{
    std::vector<char> bytes;
    sqlite3_int64 start = 0; // file offset of bytes[0]
    qint64 pageSize = 0;     // 0 until known
    bool pageSizeLooked = false;
};

// SQLite allocates g_vfs.szOsFile bytes per open file: this struct, then the real file.
struct File
{
    sqlite3_file base;
    sqlite3_file *real;
    WalGather *wal; // WAL files only
};

sqlite3_file *realOf(sqlite3_file *f)
{
    return reinterpret_cast<File *>(f)->real;
}

// WAL files holding gathered bytes, with the thread that gathered them. A connection is used
// by one thread at a time, so the thread that passes the database's shared-memory barrier is
// the one whose frames must be in the file first. One list for the process (not one per
// thread), so that a file closed on another thread than the one that wrote it leaves no
// dangling entry behind; it is short (one entry per connection with a commit under way) and
// g_pendingCount keeps the shared-memory calls from locking when it is empty.
struct PendingFile
{
    File *file;
    std::thread::id writer;
};
std::mutex g_pendingMutex;
std::vector<PendingFile> g_pending;
std::atomic<int> g_pendingCount{0};

void markPending(File *f)
{
    std::lock_guard lock(g_pendingMutex);
    g_pending.push_back({f, std::this_thread::get_id()});
    g_pendingCount.store(int(g_pending.size()), std::memory_order_release);
}

void forgetPending(File *f)
{
    std::lock_guard lock(g_pendingMutex);
    std::erase_if(g_pending, [f](const PendingFile &p) { return p.file == f; });
    g_pendingCount.store(int(g_pending.size()), std::memory_order_release);
}

int flush(File *f)
{
    WalGather *g = f->wal;
    if (!g || g->bytes.empty())
        return SQLITE_OK;
    const int amount = int(g->bytes.size());
    const int rc = f->real->pMethods->xWrite(f->real, g->bytes.data(), amount, g->start);
    g_walFlushes.fetch_add(1, std::memory_order_relaxed);
    if (rc == SQLITE_OK)
        g_walBytes.fetch_add(quint64(amount), std::memory_order_relaxed);
    g->bytes.clear(); // keeps its capacity (at most about 128 KiB) for the next commit
    forgetPending(f);
    return rc;
}

void flushThreadPending()
{
    if (g_pendingCount.load(std::memory_order_acquire) == 0)
        return;
    std::vector<File *> mine;
    {
        std::lock_guard lock(g_pendingMutex);
        const std::thread::id me = std::this_thread::get_id();
        for (const PendingFile &p : g_pending) {
            if (p.writer == me)
                mine.push_back(p.file);
        }
    }
    for (File *f : mine) {
        if (flush(f) != SQLITE_OK) {
            // The barrier cannot report an error, and SQLite is about to publish frames that
            // are not in the file: stopping is the only way not to let a reader copy them.
            qFatal("craftchat: cannot write the SQLite log (WAL) file; stopping so that no "
                   "reader sees a commit whose frames are missing");
        }
    }
}

// The header stores 65536 as 1 (the field is 16 bits wide in the database header).
qint64 decodePageSize(const unsigned char *field)
{
    const quint32 v = qFromBigEndian<quint32>(field);
    return v == 1 ? 65536 : qint64(v);
}

// The page size from the WAL header, read from the file once when SQLite appends to a log it
// did not start in this connection.
void learnPageSize(File *f)
{
    WalGather *g = f->wal;
    if (g->pageSize || g->pageSizeLooked)
        return;
    g->pageSizeLooked = true;
    unsigned char header[12];
    if (f->real->pMethods->xRead(f->real, header, sizeof header, 0) != SQLITE_OK)
        return;
    const quint32 magic = qFromBigEndian<quint32>(header);
    if (magic == kWalMagicLittle || magic == kWalMagicBig)
        g->pageSize = decodePageSize(header + 8);
}

void notePageSize(WalGather *g, const void *data, int amount, sqlite3_int64 offset)
{
    if (offset != 0 || amount < 12)
        return;
    const auto *p = static_cast<const unsigned char *>(data);
    const quint32 magic = qFromBigEndian<quint32>(p);
    if (magic == kWalMagicLittle || magic == kWalMagicBig) {
        g->pageSize = decodePageSize(p + 8);
        g->pageSizeLooked = true;
    }
}

// True when the gathered bytes end with a whole frame that carries the commit mark.
bool endsWithCommitFrame(const WalGather *g)
{
    if (g->pageSize <= 0)
        return false;
    const qint64 frame = kFrameHeaderBytes + g->pageSize;
    const sqlite3_int64 end = g->start + sqlite3_int64(g->bytes.size());
    if (end < kWalHeaderBytes + frame || (end - kWalHeaderBytes) % frame != 0)
        return false;
    const sqlite3_int64 header = end - frame;
    if (header < g->start)
        return true; // the frame began before what is gathered: write it out anyway
    const auto *p = reinterpret_cast<const unsigned char *>(g->bytes.data() + (header - g->start));
    return qFromBigEndian<quint32>(p + 4) != 0;
}

// ---- WAL file methods ------------------------------------------------------------------

int walClose(sqlite3_file *f)
{
    File *file = reinterpret_cast<File *>(f);
    const int flushed = flush(file);
    forgetPending(file);
    delete file->wal;
    file->wal = nullptr;
    const int rc = file->real->pMethods->xClose(file->real);
    return flushed != SQLITE_OK ? flushed : rc;
}

int walWrite(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset)
{
    File *file = reinterpret_cast<File *>(f);
    WalGather *g = file->wal;
    g_walWriteCalls.fetch_add(1, std::memory_order_relaxed);
    notePageSize(g, data, amount, offset);
    if (!g->bytes.empty() && offset != g->start + sqlite3_int64(g->bytes.size())) {
        if (const int rc = flush(file); rc != SQLITE_OK)
            return rc;
    }
    if (!g->bytes.empty() && qsizetype(g->bytes.size()) + amount > kMaxWriteCall) {
        if (const int rc = flush(file); rc != SQLITE_OK)
            return rc;
    }
    if (g->bytes.empty()) {
        if (amount >= kMaxGathered) {
            g_walFlushes.fetch_add(1, std::memory_order_relaxed);
            const int rc = file->real->pMethods->xWrite(file->real, data, amount, offset);
            if (rc == SQLITE_OK)
                g_walBytes.fetch_add(quint64(amount), std::memory_order_relaxed);
            return rc;
        }
        if (offset > 0)
            learnPageSize(file);
        g->start = offset;
        markPending(file);
    }
    const auto *p = static_cast<const char *>(data);
    g->bytes.insert(g->bytes.end(), p, p + amount);
    if (endsWithCommitFrame(g)) {
        g_commitFlushes.fetch_add(1, std::memory_order_relaxed);
        return flush(file);
    }
    if (qsizetype(g->bytes.size()) >= kMaxGathered)
        return flush(file);
    return SQLITE_OK;
}

int walRead(sqlite3_file *f, void *data, int amount, sqlite3_int64 offset)
{
    if (const int rc = flush(reinterpret_cast<File *>(f)); rc != SQLITE_OK)
        return rc;
    return realOf(f)->pMethods->xRead(realOf(f), data, amount, offset);
}

int walTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    if (const int rc = flush(reinterpret_cast<File *>(f)); rc != SQLITE_OK)
        return rc;
    return realOf(f)->pMethods->xTruncate(realOf(f), size);
}

int walSync(sqlite3_file *f, int flags)
{
    if (const int rc = flush(reinterpret_cast<File *>(f)); rc != SQLITE_OK)
        return rc;
    return realOf(f)->pMethods->xSync(realOf(f), flags);
}

int walFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    if (const int rc = flush(reinterpret_cast<File *>(f)); rc != SQLITE_OK)
        return rc;
    return realOf(f)->pMethods->xFileSize(realOf(f), size);
}

int walLock(sqlite3_file *f, int level)
{
    if (const int rc = flush(reinterpret_cast<File *>(f)); rc != SQLITE_OK)
        return rc;
    return realOf(f)->pMethods->xLock(realOf(f), level);
}

int walUnlock(sqlite3_file *f, int level)
{
    if (const int rc = flush(reinterpret_cast<File *>(f)); rc != SQLITE_OK)
        return rc;
    return realOf(f)->pMethods->xUnlock(realOf(f), level);
}

int walFileControl(sqlite3_file *f, int op, void *arg)
{
    if (const int rc = flush(reinterpret_cast<File *>(f)); rc != SQLITE_OK)
        return rc;
    return realOf(f)->pMethods->xFileControl(realOf(f), op, arg);
}

// ---- methods shared by all files ---------------------------------------------------------

int passClose(sqlite3_file *f)
{
    return realOf(f)->pMethods->xClose(realOf(f));
}

int passRead(sqlite3_file *f, void *data, int amount, sqlite3_int64 offset)
{
    return realOf(f)->pMethods->xRead(realOf(f), data, amount, offset);
}

int passWrite(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset)
{
    return realOf(f)->pMethods->xWrite(realOf(f), data, amount, offset);
}

int passTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    return realOf(f)->pMethods->xTruncate(realOf(f), size);
}

int passSync(sqlite3_file *f, int flags)
{
    return realOf(f)->pMethods->xSync(realOf(f), flags);
}

int passFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    return realOf(f)->pMethods->xFileSize(realOf(f), size);
}

int passLock(sqlite3_file *f, int level)
{
    return realOf(f)->pMethods->xLock(realOf(f), level);
}

int passUnlock(sqlite3_file *f, int level)
{
    return realOf(f)->pMethods->xUnlock(realOf(f), level);
}

int passCheckReservedLock(sqlite3_file *f, int *out)
{
    return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out);
}

int passFileControl(sqlite3_file *f, int op, void *arg)
{
    return realOf(f)->pMethods->xFileControl(realOf(f), op, arg);
}

int passSectorSize(sqlite3_file *f)
{
    return realOf(f)->pMethods->xSectorSize(realOf(f));
}

int passDeviceCharacteristics(sqlite3_file *f)
{
    return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f));
}

// The database file's shared memory (the WAL index). SQLite passes through the barrier
// before it publishes a new log end; whatever this thread gathered goes out first.
int shmMap(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
    flushThreadPending();
    return realOf(f)->pMethods->xShmMap(realOf(f), region, size, extend, out);
}

int shmLock(sqlite3_file *f, int offset, int n, int flags)
{
    flushThreadPending();
    return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags);
}

void shmBarrier(sqlite3_file *f)
{
    flushThreadPending();
    realOf(f)->pMethods->xShmBarrier(realOf(f));
}

int shmUnmap(sqlite3_file *f, int deleteFlag)
{
    flushThreadPending();
    return realOf(f)->pMethods->xShmUnmap(realOf(f), deleteFlag);
}

int passFetch(sqlite3_file *f, sqlite3_int64 offset, int amount, void **out)
{
    return realOf(f)->pMethods->xFetch(realOf(f), offset, amount, out);
}

int passUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *page)
{
    return realOf(f)->pMethods->xUnfetch(realOf(f), offset, page);
}

const sqlite3_io_methods kPassMethods = {
    3,
    passClose, passRead, passWrite, passTruncate, passSync, passFileSize,
    passLock, passUnlock, passCheckReservedLock, passFileControl,
    passSectorSize, passDeviceCharacteristics,
    shmMap, shmLock, shmBarrier, shmUnmap,
    passFetch, passUnfetch,
};

const sqlite3_io_methods kWalMethods = {
    3,
    walClose, walRead, walWrite, walTruncate, walSync, walFileSize,
    walLock, walUnlock, passCheckReservedLock, walFileControl,
    passSectorSize, passDeviceCharacteristics,
    shmMap, shmLock, shmBarrier, shmUnmap,
    passFetch, passUnfetch,
};

// ---- the VFS ---------------------------------------------------------------------------

int vfsOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    File *file = reinterpret_cast<File *>(f);
    file->base.pMethods = nullptr;
    file->real = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + sizeof(File));
    file->wal = nullptr;
    const int rc = g_real->xOpen(g_real, name, file->real, flags, outFlags);
    if (rc != SQLITE_OK)
        return rc; // SQLite calls no method of a file whose pMethods stays null
    if (!file->real->pMethods || file->real->pMethods->iVersion < 3) {
        if (file->real->pMethods)
            file->real->pMethods->xClose(file->real);
        return SQLITE_CANTOPEN;
    }
    if (flags & SQLITE_OPEN_WAL) {
        file->wal = new (std::nothrow) WalGather;
        if (!file->wal) {
            file->real->pMethods->xClose(file->real);
            return SQLITE_NOMEM;
        }
        file->base.pMethods = &kWalMethods;
    } else {
        file->base.pMethods = &kPassMethods;
    }
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    return g_real->xDelete(g_real, name, syncDir);
}

int vfsAccess(sqlite3_vfs *, const char *name, int flags, int *out)
{
    return g_real->xAccess(g_real, name, flags, out);
}

int vfsFullPathname(sqlite3_vfs *, const char *name, int size, char *out)
{
    return g_real->xFullPathname(g_real, name, size, out);
}

void *vfsDlOpen(sqlite3_vfs *, const char *name)
{
    return g_real->xDlOpen(g_real, name);
}

void vfsDlError(sqlite3_vfs *, int size, char *out)
{
    g_real->xDlError(g_real, size, out);
}

void (*vfsDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
{
    return g_real->xDlSym(g_real, handle, symbol);
}

void vfsDlClose(sqlite3_vfs *, void *handle)
{
    g_real->xDlClose(g_real, handle);
}

int vfsRandomness(sqlite3_vfs *, int size, char *out)
{
    return g_real->xRandomness(g_real, size, out);
}

int vfsSleep(sqlite3_vfs *, int microseconds)
{
    return g_real->xSleep(g_real, microseconds);
}

int vfsCurrentTime(sqlite3_vfs *, double *out)
{
    return g_real->xCurrentTime(g_real, out);
}

int vfsGetLastError(sqlite3_vfs *, int size, char *out)
{
    return g_real->xGetLastError ? g_real->xGetLastError(g_real, size, out) : 0;
}

int vfsCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out)
{
    return g_real->xCurrentTimeInt64(g_real, out);
}

bool registerOnce()
{
    sqlite3_vfs *real = sqlite3_vfs_find(nullptr);
    if (!real || real->iVersion < 2 || !real->xCurrentTimeInt64)
        return false;
    if (std::strcmp(real->zName, kVfsName) == 0)
        return true; // already the default (never set so here, but harmless)
    g_real = real;
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = int(sizeof(File)) + real->szOsFile;
    g_vfs.mxPathname = real->mxPathname;
    g_vfs.zName = kVfsName;
    g_vfs.xOpen = vfsOpen;
    g_vfs.xDelete = vfsDelete;
    g_vfs.xAccess = vfsAccess;
    g_vfs.xFullPathname = vfsFullPathname;
    g_vfs.xDlOpen = vfsDlOpen;
    g_vfs.xDlError = vfsDlError;
    g_vfs.xDlSym = vfsDlSym;
    g_vfs.xDlClose = vfsDlClose;
    g_vfs.xRandomness = vfsRandomness;
    g_vfs.xSleep = vfsSleep;
    g_vfs.xCurrentTime = vfsCurrentTime;
    g_vfs.xGetLastError = vfsGetLastError;
    g_vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
    return sqlite3_vfs_register(&g_vfs, 0) == SQLITE_OK;
}

static_assert(sizeof(File) % 8 == 0, "the real file that follows File must stay 8-byte aligned");

} // namespace

const char *vfsName()
{
    return kVfsName;
}

bool ensureRegistered()
{
    static std::once_flag once;
    static bool registered = false;
    std::call_once(once, [] { registered = registerOnce(); });
    return registered;
}

Counters counters()
{
    Counters c;
    c.walWriteCalls = g_walWriteCalls.load(std::memory_order_relaxed);
    c.walFlushes = g_walFlushes.load(std::memory_order_relaxed);
    c.walBytes = g_walBytes.load(std::memory_order_relaxed);
    c.commitFlushes = g_commitFlushes.load(std::memory_order_relaxed);
    return c;
}

} // namespace craftchat::storage::batchedwal
