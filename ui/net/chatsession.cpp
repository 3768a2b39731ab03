#include "ui/net/chatsession.h"

#include "common/client/socketioclient.h"
#include "common/contract/contract.h"
#include "ui/models/outbox.h"
#include "ui/util/photoupload.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkInformation>
#include <QNetworkReply>
#include <QSet>
#include <QThreadPool>

namespace craftchat::ui {

using client::SocketIoClient;
namespace contract = craftchat::contract;

ChatSession::ChatSession(QObject *parent)
    : QObject(parent)
    , m_api(new ApiClient(this))
    , m_socket(new SocketIoClient(this))
    , m_uploadLimit(contract::DefaultUploadLimitBytes)
{
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setInterval(3000);
    connect(&m_retryTimer, &QTimer::timeout, this, &ChatSession::flushOutbox);
    registerHandlers();

    connect(m_socket, &SocketIoClient::stateChanged, this, [this](SocketIoClient::State s) {
        if (!m_started)
            return setState(ConnectionState::Offline);
        switch (s) {
        case SocketIoClient::State::Connected:
            setState(ConnectionState::Connected);
            break;
        case SocketIoClient::State::Connecting:
            setState(ConnectionState::Connecting);
            break;
        case SocketIoClient::State::Reconnecting:
            setState(ConnectionState::Reconnecting);
            break;
        case SocketIoClient::State::Disconnected:
            setState(ConnectionState::Offline);
            break;
        }
    });
    connect(m_socket, &SocketIoClient::connected, this, [this] {
        emit connected();
        flushOutbox();
    });
    connect(m_socket, &SocketIoClient::reconnecting, this, &ChatSession::reconnectScheduled);
    // The socket follows the same trust rule as the HTTP API (TrustStore); a refusal is
    // reported once per kind of problem, after the handshake has been answered.
    m_socket->setCertificateCheck([this](const QList<QSslError> &errors, const QSslCertificate &peer) {
        const QUrl server = m_socket->options().url;
        const int port = server.port(443);
        const TrustStore::Decision decision = TrustStore().decide(server.host(), port, peer, errors);
        if (decision.verdict == TrustStore::Verdict::Pinned)
            return true;
        const TlsProblem problem = TrustStore::problem(server.host(), port, peer, decision, errors);
        QMetaObject::invokeMethod(
            this, [this, problem] { emit tlsRefused(problem); }, Qt::QueuedConnection);
        return false;
    });
    watchNetwork();
    connect(m_socket, &SocketIoClient::connectError, this, [this](const QJsonObject &error) {
        if (error.value(QStringLiteral("message")).toString() == QLatin1String("Authentication failed")) {
            m_socket->close();
            emit authenticationFailed();
        }
    });
}

ChatSession::~ChatSession() = default;

void ChatSession::watchNetwork()
{
    // When the system says the network is back, waiting out the back-off would only delay.
    if (!QNetworkInformation::instance() && !QNetworkInformation::loadDefaultBackend())
        return;
    connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                if (reachability != QNetworkInformation::Reachability::Disconnected)
                    reconnectNow();
            });
}

void ChatSession::reconnectNow()
{
    if (!m_started)
        return;
    if (m_state == ConnectionState::Offline)
        m_socket->open();
    else
        m_socket->reconnectNow();
}

void ChatSession::setOutbox(Outbox *outbox)
{
    if (m_outbox)
        disconnect(m_outbox, nullptr, this, nullptr);
    m_outbox = outbox;
    if (!m_outbox)
        return;
    // Through flushOutbox, so that a new entry waits behind an upload in its chat.
    connect(m_outbox, &Outbox::added, this, &ChatSession::flushOutbox);
}

void ChatSession::start(const QUrl &server, const QString &token, const contract::UserProfile &me)
{
    m_me = me;
    m_api->setBaseUrl(server);
    m_api->setToken(token);
    SocketIoClient::Options options = m_socket->options();
    options.url = server;
    options.auth = QJsonObject{{QStringLiteral("token"), token}};
    options.reconnect = true;
    options.reconnectDelayMs = 1000;
    options.reconnectDelayMaxMs = 30000;
    m_socket->setOptions(options);
    m_started = true;
    setState(ConnectionState::Connecting);
    m_socket->open();
}

void ChatSession::setToken(const QString &token)
{
    m_api->setToken(token);
    m_socket->setAuth(QJsonObject{{QStringLiteral("token"), token}});
}

void ChatSession::stop()
{
    m_started = false;
    m_retryTimer.stop();
    m_socket->close();
    setState(ConnectionState::Offline);
}

void ChatSession::presentAs(const contract::UserProfile &me, ConnectionState state)
{
    m_me = me;
    setState(state);
}

int ChatSession::secondsUntilReconnect() const
{
    const int ms = m_socket->msUntilReconnect();
    return ms < 0 ? -1 : (ms + 999) / 1000;
}

void ChatSession::setState(ConnectionState state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit connectionStateChanged(state);
}

void ChatSession::registerHandlers()
{
    auto firstObject = [](const QJsonArray &args) { return args.isEmpty() ? QJsonObject() : args.first().toObject(); };

    m_socket->on(contract::event::NewMessage, [this, firstObject](const QJsonArray &args, const auto &) {
        if (auto m = contract::Message::fromJson(firstObject(args)))
            emit newMessage(*m);
    });
    m_socket->on(contract::event::ChatUpdated, [this, firstObject](const QJsonArray &args, const auto &) {
        if (auto c = contract::ChatDetails::fromJson(firstObject(args)))
            emit chatUpdated(*c);
    });
    m_socket->on(contract::event::NewChatNotification, [this, firstObject](const QJsonArray &args, const auto &) {
        if (auto n = contract::NewChatNotification::fromJson(firstObject(args)))
            emit newChatNotification(n->chatId, n->message);
    });
    m_socket->on(contract::event::UserTyping, [this, firstObject](const QJsonArray &args, const auto &) {
        if (auto t = contract::UserTyping::fromJson(firstObject(args)))
            emit userTyping(t->chatId, t->userId, t->isTyping);
    });
    m_socket->on(contract::event::MessageRead, [this, firstObject](const QJsonArray &args, const auto &) {
        if (auto r = contract::MessageRead::fromJson(firstObject(args)))
            emit messageRead(r->chatId, r->userId, r->messageIds);
    });
    m_socket->on(contract::event::MessageUpdated, [this, firstObject](const QJsonArray &args, const auto &) {
        if (auto u = contract::MessageUpdated::fromJson(firstObject(args)))
            emit messageUpdated(*u);
    });
    m_socket->on(contract::event::MessageDeleted, [this, firstObject](const QJsonArray &args, const auto &) {
        if (auto d = contract::MessageDeleted::fromJson(firstObject(args)))
            emit messageDeleted(*d);
    });
    m_socket->on(contract::event::Error, [this, firstObject](const QJsonArray &args, const auto &) {
        if (auto e = contract::ErrorPayload::fromJson(firstObject(args)))
            emit serverError(e->code, e->message);
    });
}

void ChatSession::typingStart(const QString &chatId)
{
    if (m_state == ConnectionState::Connected)
        m_socket->emitEvent(contract::event::TypingStart, {chatId});
}

void ChatSession::typingStop(const QString &chatId)
{
    if (m_state == ConnectionState::Connected)
        m_socket->emitEvent(contract::event::TypingStop, {chatId});
}

void ChatSession::markRead(const QString &chatId)
{
    if (m_state == ConnectionState::Connected)
        m_socket->emitEvent(contract::event::MarkMessagesRead, {chatId});
}

void ChatSession::joinChat(const QString &chatId)
{
    if (m_state == ConnectionState::Connected)
        m_socket->emitEvent(contract::event::JoinChat, {chatId});
}

QString ChatSession::sendMessage(const QString &chatId, const QString &type, const QString &content,
                                 const QString &replyToId)
{
    if (!m_outbox)
        return {};
    return m_outbox->enqueue(chatId, type, content, replyToId); // Outbox::added sends it when connected
}

void ChatSession::editMessage(const QString &messageId, const QString &content, ChangeDone done)
{
    change(contract::event::EditMessage, contract::EditMessageRequest{messageId, content}.toJson(),
           contract::MessageChangeAck::Kind::Edited, std::move(done));
}

void ChatSession::deleteMessage(const QString &messageId, ChangeDone done)
{
    change(contract::event::DeleteMessage, contract::DeleteMessageRequest{messageId}.toJson(),
           contract::MessageChangeAck::Kind::Deleted, std::move(done));
}

void ChatSession::change(const QString &event, const QJsonObject &request, contract::MessageChangeAck::Kind kind,
                         ChangeDone done)
{
    if (m_state != ConnectionState::Connected) {
        if (done)
            done(tr("You are offline. Try again when the connection is back."));
        return;
    }
    m_socket->emitEvent(event, {request}, [kind, done = std::move(done)](bool timedOut, const QJsonArray &args) {
        if (!done)
            return;
        const QJsonObject reply = args.isEmpty() ? QJsonObject() : args.first().toObject();
        if (timedOut || reply.isEmpty())
            return done(tr("The server did not answer. Try again."));
        if (contract::MessageChangeAck::fromJson(kind, reply))
            return done(QString());
        const auto error = contract::ErrorPayload::fromJson(reply);
        if (error && error->code == contract::code::Unauthorized)
            return done(tr("Only the sender can change this message."));
        done(error && !error->message.isEmpty() ? error->message : tr("The server refused the change."));
    });
}

void ChatSession::retry(const QString &clientMessageId)
{
    if (!m_outbox)
        return;
    m_outbox->markPending(clientMessageId);
    flushOutbox();
}

void ChatSession::flushOutbox()
{
    if (!m_outbox || m_state != ConnectionState::Connected)
        return;
    // Oldest first; a photo still to upload holds back the later entries of its chat, so the
    // chat's order stays as written. Failed entries wait for a retry and hold back nothing.
    QSet<QString> heldBack;
    for (const Outbox::Entry &e : m_outbox->entries()) {
        if (heldBack.contains(e.chatId) || e.state == Outbox::State::Failed)
            continue;
        if (e.needsUpload())
            heldBack.insert(e.chatId);
        if (e.state == Outbox::State::Pending)
            sendEntry(e.clientMessageId);
    }
}

void ChatSession::sendEntry(const QString &clientMessageId)
{
    const Outbox::Entry *e = m_outbox ? m_outbox->find(clientMessageId) : nullptr;
    if (!e || e->state != Outbox::State::Pending)
        return;
    if (e->needsUpload())
        return uploadEntry(clientMessageId);
    contract::SendMessageRequest request{e->chatId, e->type, e->content, e->clientMessageId};
    if (!e->replyToId.isEmpty())
        request.replyToId = e->replyToId;
    m_outbox->markSending(clientMessageId);
    QPointer<ChatSession> self(this);
    m_socket->emitEvent(contract::event::SendMessage, {request.toJson()},
                        [self, clientMessageId](bool timedOut, const QJsonArray &args) {
                            if (self)
                                self->handleSendAck(clientMessageId, timedOut, args);
                        });
}

void ChatSession::handleSendAck(const QString &clientMessageId, bool timedOut, const QJsonArray &args)
{
    if (!m_outbox)
        return;
    const Outbox::Entry *e = m_outbox->find(clientMessageId);
    if (!e)
        return;
    const QString chatId = e->chatId;
    const QJsonObject reply = args.isEmpty() ? QJsonObject() : args.first().toObject();
    if (timedOut || reply.isEmpty()) {
        // Unknown outcome: send again later with the same clientMessageId (idempotent).
        m_outbox->markPending(clientMessageId);
        if (m_state == ConnectionState::Connected)
            m_retryTimer.start();
        return;
    }
    if (auto sent = contract::MessageSent::fromJson(reply); sent && sent->success) {
        m_outbox->remove(clientMessageId);
        emit messageConfirmed(clientMessageId, chatId, sent->messageId, sent->timestamp);
        return;
    }
    const auto error = contract::ErrorPayload::fromJson(reply);
    const QString code = error ? error->code : QString();
    const QString text = describeError(code, error ? error->message : QString());
    // Only a rate limit or a storage hiccup may pass by themselves; the rest is refused for good.
    const bool permanent = code != contract::code::RateLimit && code != contract::code::SendMessageError;
    fail(clientMessageId, text, permanent);
}

void ChatSession::uploadEntry(const QString &clientMessageId)
{
    const Outbox::Entry *e = m_outbox->find(clientMessageId);
    const QString file = e->localFile;
    m_outbox->markSending(clientMessageId);
    if (e->isFile()) {
        // Any other file goes as it is, streamed from the outbox's copy.
        auto *body = new QFile(file);
        const qint64 size = body->size();
        if (size > m_uploadLimit) {
            delete body;
            fail(clientMessageId,
                 tr("%1 is %2; the server takes files up to %3.")
                     .arg(e->fileName, formatFileSize(size), formatFileSize(m_uploadLimit)),
                 true);
            flushOutbox();
            return;
        }
        if (!body->open(QIODevice::ReadOnly)) {
            delete body;
            fail(clientMessageId, tr("The file to send can no longer be read."), true);
            flushOutbox();
            return;
        }
        startUpload(clientMessageId, body, size, e->fileName);
        return;
    }
    const qint64 limit = m_uploadLimit;
    // Reading, and for a large photo decoding and scaling, happen on a worker thread.
    QThreadPool::globalInstance()->start([self = QPointer<ChatSession>(this), clientMessageId, file, limit] {
        const PhotoUpload::Prepared prepared = PhotoUpload::prepare(file, limit);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, clientMessageId, prepared] {
                if (self)
                    self->uploadPrepared(clientMessageId, prepared.bytes, prepared.error);
            },
            Qt::QueuedConnection);
    });
}

void ChatSession::uploadPrepared(const QString &clientMessageId, const QByteArray &bytes, const QString &error)
{
    const Outbox::Entry *e = m_outbox ? m_outbox->find(clientMessageId) : nullptr;
    if (!e || !e->needsUpload() || e->state != Outbox::State::Sending)
        return; // given up by the user meanwhile
    if (!error.isEmpty()) {
        fail(clientMessageId, error, true);
        flushOutbox();
        return;
    }
    auto *buffer = new QBuffer;
    buffer->setData(bytes);
    buffer->open(QIODevice::ReadOnly);
    startUpload(clientMessageId, buffer, bytes.size(), e->fileName);
}

void ChatSession::startUpload(const QString &clientMessageId, QIODevice *body, qint64 size, const QString &name)
{
    QNetworkReply *reply = m_api->uploadFile(
        body, size, name.isEmpty() ? QStringLiteral("file") : name,
        [self = QPointer<ChatSession>(this), clientMessageId](const ApiResult &r, const UploadResult &u) {
            if (!self)
                return;
            self->m_uploads.remove(clientMessageId);
            if (r.errorCode == QLatin1String("NETWORK") && !self->m_outbox->find(clientMessageId))
                return; // cancelled
            self->handleUploadResult(clientMessageId, r, u.url);
        });
    m_uploads.insert(clientMessageId, reply);
    connect(reply, &QNetworkReply::uploadProgress, this,
            [this, clientMessageId](qint64 sent, qint64 total) { emit uploadProgress(clientMessageId, sent, total); });
    emit uploadProgress(clientMessageId, 0, size);
}

void ChatSession::cancelUpload(const QString &clientMessageId)
{
    if (!m_outbox)
        return;
    const QPointer<QNetworkReply> reply = m_uploads.take(clientMessageId);
    // The entry goes first: the aborted reply's answer then finds nothing to retry.
    m_outbox->remove(clientMessageId);
    if (reply)
        reply->abort();
    flushOutbox();
}

void ChatSession::fail(const QString &clientMessageId, const QString &error, bool permanent)
{
    const Outbox::Entry *e = m_outbox ? m_outbox->find(clientMessageId) : nullptr;
    if (!e)
        return;
    const QString chatId = e->chatId;
    m_outbox->markFailed(clientMessageId, error, permanent);
    emit messageFailed(clientMessageId, chatId, error);
}

void ChatSession::handleUploadResult(const QString &clientMessageId, const ApiResult &result, const QString &url)
{
    const Outbox::Entry *e = m_outbox ? m_outbox->find(clientMessageId) : nullptr;
    if (!e || !e->needsUpload())
        return;
    const QString chatId = e->chatId;
    if (result.ok() && !url.isEmpty()) {
        m_outbox->setUploaded(clientMessageId, url);
        m_outbox->markPending(clientMessageId);
        flushOutbox(); // sends the image message, then what waited behind it
        return;
    }
    if (result.status >= 400 && result.status < 500 && result.status != 429) {
        // Refused for good (too large, not an image, ...): retrying would not help.
        fail(clientMessageId, uploadRefusal(*e, result), true);
        flushOutbox(); // the chat's later entries no longer wait for it
        return;
    }
    // Not reached, a server error or a bad answer: upload again later.
    m_outbox->markPending(clientMessageId);
    if (m_state == ConnectionState::Connected)
        m_retryTimer.start();
}

QString ChatSession::uploadRefusal(const Outbox::Entry &entry, const ApiResult &result) const
{
    // Over the server's own limit (it may be set lower than the app's uploadLimit(), which
    // already refuses larger files before any upload): the app's words, not the server's.
    if (result.status == 413)
        return entry.isFile() ? tr("%1 is larger than this server accepts.").arg(entry.fileName)
                              : tr("The photo is larger than this server accepts.");
    if (entry.isFile())
        return result.errorMessage.isEmpty() ? tr("The server refused the file.")
                                             : tr("The server refused the file: %1").arg(result.errorMessage);
    return result.errorMessage.isEmpty() ? tr("The server refused the photo.")
                                         : tr("The server refused the photo: %1").arg(result.errorMessage);
}

QString formatFileSize(qint64 bytes)
{
    // Decimal units like the file managers of the desktops; the locale writes the number.
    return QLocale().formattedDataSize(bytes, bytes < 1000 * 1000 ? 0 : 1, QLocale::DataSizeSIFormat);
}

QString describeError(const QString &code, const QString &serverMessage)
{
    if (code == contract::code::RateLimit)
        return ChatSession::tr("You are sending too fast. Try again in a minute.");
    if (code == contract::code::Unauthorized)
        return ChatSession::tr("You cannot write in this chat.");
    if (code == contract::code::InvalidInput)
        return serverMessage.isEmpty() ? ChatSession::tr("The message was refused.") : serverMessage;
    if (code == contract::code::SendMessageError)
        return ChatSession::tr("The server could not store the message.");
    return serverMessage.isEmpty() ? ChatSession::tr("Sending failed.") : serverMessage;
}

} // namespace craftchat::ui
