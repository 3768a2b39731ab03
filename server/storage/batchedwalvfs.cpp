#include "server/storage/batchedwalvfs.h"

#include <sqlite3.h>

#include <QtEndian>

#include <algorithm>
#include <atomic>
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

// One write call on the real WAL file, counted.
int writeThrough(File *f, const void *data, int amount, sqlite3_int64 offset)
{
    const int rc = f->real->pMethods->xWrite(f->real, data, amount, offset);
    g_walFlushes.fetch_add(1, std::memory_order_relaxed);
    if (rc == SQLITE_OK)
        g_walBytes.fetch_add(quint64(amount), std::memory_order_relaxed);
    return rc;
}

int flush(File *f)
{
    WalGather *g = f->wal;
    if (!g || g->bytes.empty())
        return SQLITE_OK;
    const int rc = writeThrough(f, g->bytes.data(), int(g->bytes.size()), g->start);
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
        if (amount >= kMaxGathered)
            return writeThrough(file, data, amount, offset);
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

// The methods that only pass a call on, generated from the member they forward. `call` hands
// it to the real file; `flushingFirst` (WAL files) writes out what was gathered first, and a
// failure there is the answer; `afterThreadFlush` (the database's shared memory, the WAL index)
// first writes out what this thread gathered in any WAL file, since SQLite passes through the
// barrier before it publishes frames.
template <auto Method>
struct Forward;

template <typename R, typename... Args, R (*sqlite3_io_methods::*Method)(sqlite3_file *, Args...)>
struct Forward<Method>
{
    static R call(sqlite3_file *f, Args... args) { return (realOf(f)->pMethods->*Method)(realOf(f), args...); }

    static R flushingFirst(sqlite3_file *f, Args... args)
    {
        if (const int rc = flush(reinterpret_cast<File *>(f)); rc != SQLITE_OK)
            return rc;
        return call(f, args...);
    }

    static R afterThreadFlush(sqlite3_file *f, Args... args)
    {
        flushThreadPending();
        return call(f, args...);
    }
};

using M = sqlite3_io_methods;

const sqlite3_io_methods kPassMethods = {
    3,
    Forward<&M::xClose>::call,
    Forward<&M::xRead>::call,
    Forward<&M::xWrite>::call,
    Forward<&M::xTruncate>::call,
    Forward<&M::xSync>::call,
    Forward<&M::xFileSize>::call,
    Forward<&M::xLock>::call,
    Forward<&M::xUnlock>::call,
    Forward<&M::xCheckReservedLock>::call,
    Forward<&M::xFileControl>::call,
    Forward<&M::xSectorSize>::call,
    Forward<&M::xDeviceCharacteristics>::call,
    Forward<&M::xShmMap>::afterThreadFlush,
    Forward<&M::xShmLock>::afterThreadFlush,
    Forward<&M::xShmBarrier>::afterThreadFlush,
    Forward<&M::xShmUnmap>::afterThreadFlush,
    Forward<&M::xFetch>::call,
    Forward<&M::xUnfetch>::call,
};

// Every operation on a WAL file but the write itself first writes out what was gathered.
const sqlite3_io_methods kWalMethods = {
    3,
    walClose,
    Forward<&M::xRead>::flushingFirst,
    walWrite,
    Forward<&M::xTruncate>::flushingFirst,
    Forward<&M::xSync>::flushingFirst,
    Forward<&M::xFileSize>::flushingFirst,
    Forward<&M::xLock>::flushingFirst,
    Forward<&M::xUnlock>::flushingFirst,
    Forward<&M::xCheckReservedLock>::call,
    Forward<&M::xFileControl>::flushingFirst,
    Forward<&M::xSectorSize>::call,
    Forward<&M::xDeviceCharacteristics>::call,
    Forward<&M::xShmMap>::afterThreadFlush,
    Forward<&M::xShmLock>::afterThreadFlush,
    Forward<&M::xShmBarrier>::afterThreadFlush,
    Forward<&M::xShmUnmap>::afterThreadFlush,
    Forward<&M::xFetch>::call,
    Forward<&M::xUnfetch>::call,
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

// The VFS methods other than xOpen hand the call to the wrapped VFS.
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

bool registerOnce()
{
    sqlite3_vfs *real = sqlite3_vfs_find(nullptr);
    if (!real || real->iVersion < 2 || !real->xCurrentTimeInt64)
        return false;
    g_real = real;
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = int(sizeof(File)) + real->szOsFile;
    g_vfs.mxPathname = real->mxPathname;
    g_vfs.zName = kVfsName;
    g_vfs.xOpen = vfsOpen;
    g_vfs.xDelete = ForwardVfs<&sqlite3_vfs::xDelete>::call;
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
