// The server's logging categories. Every layer logs through these so that one rule
// (QT_LOGGING_RULES, --log-level) controls them all:
//   craftchat.socket   Engine.IO / Socket.IO connections and packets
//   craftchat.socketio Socket.IO protocol errors of one connection (debug; off by default)
//   craftchat.message  chat events (messages, reads, typing)
//   craftchat.http     HTTP requests and the HTTP API
//   craftchat.db       storage
//   craftchat.auth     tokens, passwords, the JWT secret (never the secret values themselves)
//   craftchat.server   start-up, configuration, shutdown
#pragma once

#include <QLoggingCategory>

namespace craftchat::logging {

Q_DECLARE_LOGGING_CATEGORY(lcSocket)
Q_DECLARE_LOGGING_CATEGORY(lcSocketIo)
Q_DECLARE_LOGGING_CATEGORY(lcMessage)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcDb)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcServer)

} // namespace craftchat::logging
