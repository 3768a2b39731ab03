// Linear phase scripting on top of the event loop: wait (while events keep being delivered)
// for a time or until a condition holds. The tool is a command-line program whose phases run
// one after the other; these nested loops keep that script readable.
#pragma once

#include <functional>

namespace craftchat::bench {

// Runs the event loop for ms milliseconds.
void waitMs(int ms);
// Runs the event loop until done() is true (checked every pollMs) or timeoutMs passes.
// Returns done().
bool waitUntil(const std::function<bool()> &done, double timeoutMs, int pollMs = 10);

} // namespace craftchat::bench
