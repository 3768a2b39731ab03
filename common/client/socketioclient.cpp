// Placeholder implementation (the real client lands next); keeps craftchat_common linkable.
#include "socketioclient.h"

namespace craftchat::client {

class SocketIoClient::Private
{
public:
    Options options;
};

SocketIoClient::SocketIoClient(QObject *parent) : QObject(parent), d(std::make_unique<Private>()) {}
SocketIoClient::~SocketIoClient() = default;
void SocketIoClient::setOptions(const Options &options) { d->options = options; }
const SocketIoClient::Options &SocketIoClient::options() const { return d->options; }
void SocketIoClient::setAuth(const QJsonObject &auth) { d->options.auth = auth; }
void SocketIoClient::open() {}
void SocketIoClient::close() {}
SocketIoClient::State SocketIoClient::state() const { return State::Disconnected; }
QString SocketIoClient::socketId() const { return {}; }
int SocketIoClient::reconnectAttempt() const { return 0; }
int SocketIoClient::msUntilReconnect() const { return -1; }
void SocketIoClient::emitEvent(const QString &, const QJsonArray &, AckCallback ack, int)
{
    if (ack)
        ack(true, {});
}
void SocketIoClient::emitBinary(const QString &, const QJsonArray &, const QList<QByteArray> &,
                                AckCallback ack, int)
{
    if (ack)
        ack(true, {});
}
void SocketIoClient::on(const QString &, EventHandler) {}
void SocketIoClient::off(const QString &) {}

} // namespace craftchat::client
