#include "server/auth/sodium.h"

#include <sodium.h>

namespace craftchat::auth {

bool ensureSodium()
{
    // sodium_init() is itself thread-safe; the static just avoids calling it on every use.
    static const bool ok = sodium_init() >= 0;
    return ok;
}

} // namespace craftchat::auth
