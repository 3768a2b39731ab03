#include "server/logging/logcategories.h"

namespace craftchat::logging {

Q_LOGGING_CATEGORY(lcSocket, "craftchat.socket")
Q_LOGGING_CATEGORY(lcSocketIo, "craftchat.socketio", QtWarningMsg)
Q_LOGGING_CATEGORY(lcMessage, "craftchat.message")
Q_LOGGING_CATEGORY(lcHttp, "craftchat.http")
Q_LOGGING_CATEGORY(lcDb, "craftchat.db")
Q_LOGGING_CATEGORY(lcAuth, "craftchat.auth")
Q_LOGGING_CATEGORY(lcServer, "craftchat.server")

} // namespace craftchat::logging
