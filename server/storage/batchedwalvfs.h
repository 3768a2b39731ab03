// BatchedWalVfs: an SQLite VFS that writes each commit's log (WAL) frames with one write call.
//
// SQLite appends a commit to the WAL as two write calls per page: the 24-byte frame header,
// then the page. A chat message touches about a dozen pages, so one commit made some 25
// pwrite calls, a sixth of the server's CPU under load. This VFS wraps the default one
// ("unix") and, for WAL files only, gathers consecutive writes in memory and hands them to
// the real file in one call when
//   * the frame that carries the commit mark has been written whole (the WAL file format's
//     frame header says which frame ends a transaction), so the commit's frames are in the
//     file before SQLite publishes the new log end in the shared index and before the commit
//     returns: a message is acknowledged only after its frames reached the operating system,
//     exactly as with the plain VFS;
//   * the next write is not contiguous, or 64 KiB have gathered;
//   * any other operation touches the WAL (read, sync, size, truncate, lock, close);
//   * the database file's shared-memory barrier, lock or map is used on the same thread (a
//     safety net: SQLite always passes through the barrier before it publishes frames).
// Everything else is passed through unchanged, so the files stay ordinary SQLite files that
// any tool and any other connection (the checkpointer uses the default VFS) can read.
//
// Open a database through it with the URI "file:<path>?vfs=<vfsName()>".
#pragma once

#include <QtGlobal>

namespace craftchat::storage::batchedwal {

// The name the VFS is registered under.
const char *vfsName();

// Registers the VFS once for the process (thread-safe, idempotent). False when SQLite has no
// default VFS to wrap, or it is one this wrapper cannot serve (no shared-memory methods).
bool ensureRegistered();

// Process-wide totals since start, for tests and diagnostics.
struct Counters
{
    quint64 walWriteCalls = 0; // write calls SQLite made on WAL files
    quint64 walFlushes = 0;    // write calls this VFS made on WAL files
    quint64 walBytes = 0;      // bytes written to WAL files
    quint64 commitFlushes = 0; // flushes triggered by a commit frame
};
Counters counters();

} // namespace craftchat::storage::batchedwal
