// "chatbench verify-durability FILE [URL]": after a run with --kill-server-at and a restart of
// the server on the same data, checks that every message acknowledged (message-sent) before the
// kill is stored, through GET /api/messages/chats/:id/messages.
#pragma once

#include <QStringList>

namespace craftchat::bench {

// Returns 0 when every acknowledged message is there, 4 when some are missing, 2 on bad
// usage or an unreadable file, 1 when the server could not be read.
int runDurabilityCheck(const QStringList &arguments);

} // namespace craftchat::bench
