// Identifiers for stored rows.
#pragma once

#include <QString>

namespace craftchat::storage {

// `bytes` random bytes from the system's cryptographic generator, as lower-case hex
// (2 * bytes characters).
QString randomHex(int bytes);

// A new row id: 24 lower-case hex characters (96 bits), laid out like a MongoDB ObjectId:
// the creation time in whole seconds since the epoch (32 bits), a process-wide counter
// (32 bits, from a random start) and 32 random bits, all big-endian. Ids made later sort
// later, also within one second, so a new message's entry in the unique index on
// `messages.id` is appended at the end of that index (SQLite fills such pages completely and
// splits them cheaply) instead of landing on a random page of the current second's range or,
// with fully random ids, of an index that grows with every message ever sent. Ids are not
// secrets: every operation checks the caller's access to the row; the random part only keeps
// them from being trivially enumerable.
QString newId();

} // namespace craftchat::storage
