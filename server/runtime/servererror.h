// The runtime layer's errors (starting a server, creating an admin) and its instantiation of
// the project's Result type. The message is for people: it says what failed and what to do.
#pragma once

#include "common/core/result.h"

#include <QString>

namespace craftchat::runtime {

enum class ServerError {
    None,
    Config,          // no data directory, an unusable TLS certificate or key, bad input
    Database,        // the database cannot be opened
    DamagedDatabase, // quick_check failed: restore a backup (the message says how)
    Identity,        // the JWT secret cannot be read or made
    Files,           // the uploads folder cannot be made
    Listen,          // the port is taken or the address is not this machine's
    Store,           // a write (the admin) failed
};

using ServerFailure = Error<ServerError>;
template <typename T>
using ServerResult = Result<T, ServerFailure>;

} // namespace craftchat::runtime
