// Screenshot mode: the main window filled with demo data (no server), grabbed into a PNG.
// scripts/screenshots.sh runs it under Xvfb for docs/screenshots/.
#pragma once

#include <QString>

namespace craftchat::app {

// role: "client", "craftsman", "start" or "host" (the host panel of a server with TLS). Returns the process exit code.
int takeScreenshot(const QString &role, const QString &outputPath);

} // namespace craftchat::app
