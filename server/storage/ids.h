// Random identifiers from the system's cryptographic generator.
#pragma once

#include <QString>

namespace craftchat::storage {

// `bytes` random bytes as lower-case hex (2 * bytes characters).
QString randomHex(int bytes);

// A new row id: 24 hex characters (96 bits), shaped like a MongoDB ObjectId.
inline QString newId() { return randomHex(12); }

} // namespace craftchat::storage
