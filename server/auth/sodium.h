// libsodium must be initialised once per process before use; every auth class calls this.
#pragma once

namespace craftchat::auth {

// Thread-safe and idempotent. Returns false only if libsodium cannot initialise (no usable
// random source), in which case nothing in this library can work.
bool ensureSodium();

} // namespace craftchat::auth
