// Process-wide resource limits of craftchat-server.
#pragma once

#include <QtGlobal>

namespace craftchat::runtime {

// Raises the soft open-file limit (RLIMIT_NOFILE) to the hard one, so that one process can hold
// as many sockets as the system allows the user (each WebSocket is one descriptor). Returns the
// soft limit in force afterwards, or -1 when it could not be read.
qint64 raiseOpenFileLimit();

} // namespace craftchat::runtime
