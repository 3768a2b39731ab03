// A simulated power cut for SQLite: a VFS over the default one that keeps, for every file in
// one folder tree, a shadow copy holding only what was fsynced. Writes and truncations go to the
// real file at once (the page cache) and are queued per file; an xSync on any handle of the
// file applies its queue to the shadow (fsync flushes the inode, whoever wrote). cut() copies
// the shadows elsewhere under the lock: the files as a power cut at that instant leaves them.
// Approximations: creating and deleting a file count at once (SQLite fsyncs the folder after
// creating a log); the -shm index is not kept (SQLite rebuilds it after a crash).
//
// install() registers it as the default VFS, before any database is opened, so the store's
// own VFS (BatchedWalVfs) and the checkpointer's connection both write through it.
#pragma once

#include <QString>

namespace craftchat::testsupport::powercut {

// Tracks the files under `folder` (and its subfolders) from now on.
bool install(const QString &folder, const QString &shadowFolder);
// The files of `subfolder` (relative to the folder) as a power cut now would leave them,
// copied into `target` (created).
bool cut(const QString &subfolder, const QString &target);
// Syncs seen so far on tracked files.
long long syncCount();

} // namespace craftchat::testsupport::powercut
