// The store's errors and its instantiation of the project's Result type.
#pragma once

#include "common/core/result.h"

#include <QString>

namespace craftchat::storage {

enum class StoreError {
    None,
    NotFound,        // no such row (user, chat, job, message, upload)
    Conflict,        // a unique key is taken (e.g. the email)
    ForeignKey,      // a referenced row does not exist
    NotParticipant,  // the user is not a participant of the chat, or the chat is inactive
    InvalidArgument, // the arguments make no sense (bad limit, a `before` of another chat, ...)
    SchemaTooNew,    // the database was written by a newer version of the server
    Corrupt,         // the file is not a database or fails PRAGMA quick_check (restore a backup)
    Database,        // anything else the database reported (I/O, corruption, ...)
};

// Short stable name of an error, for logs and tests ("NotFound", ...).
QString storeErrorName(StoreError error);

// A store operation's value or its error; StoreResult<void> for operations that return nothing.
using StoreFailure = Error<StoreError>;
template <typename T>
using StoreResult = Result<T, StoreFailure>;

} // namespace craftchat::storage
