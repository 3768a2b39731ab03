// Identifiers for stored rows.
#pragma once

#include <QString>

namespace craftchat::storage {

// `bytes` random bytes from the system's cryptographic generator, as lower-case hex
// (2 * bytes characters).
QString randomHex(int bytes);

// A new row id: 24 lower-case hex characters (96 bits), laid out like a MongoDB ObjectId:
// the creation time in whole seconds since the epoch (32 bits, big-endian) and then 64 random
// bits. Ids made later sort later (to the second), so a new message's entry in the unique
// index on `messages.id` lands at the end of that index, on a page that is in the cache and
// shared with the messages just before it, instead of on a random page of an index that
// grows with every message ever sent (a read from disk per message once it outgrows memory).
QString newId();

} // namespace craftchat::storage
