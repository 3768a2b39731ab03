// A chat server running inside this app ("Host a server on this computer"). The app supplies
// the implementation (app/ embeds the server); the UI only sees this interface.
#pragma once

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <optional>

namespace craftchat::ui {

class ServerHost : public QObject
{
    Q_OBJECT
public:
    // The hosted server's administrator account, which the app makes and keeps for itself:
    // the person hosting signs up as a client or craftsman like everyone else, and the app
    // signs in with this account for what only an administrator may do (the server monitor).
    struct Administrator
    {
        QString email;
        QString password;
    };

    explicit ServerHost(QObject *parent = nullptr)
        : QObject(parent)
    {}

    virtual bool isAvailable() const = 0; // false: this build cannot host
    virtual bool isRunning() const = 0;
    virtual void start() = 0;          // started() or failed() follows
    virtual void stop() = 0;           // stopped() follows
    virtual QUrl localUrl() const = 0; // http://127.0.0.1:<port>
    virtual QString dataDirectory() const = 0;
    // True when the running server was created by this start: nobody has an account yet.
    virtual bool isNew() const = 0;
    // Known once the server has started (made at its first start), empty before.
    virtual std::optional<Administrator> administrator() const = 0;

    // Addresses other computers on the network can use, e.g. http://192.168.1.20:3001.
    QStringList networkUrls() const;

signals:
    void started(const QUrl &localUrl);
    void stopped();
    void failed(const QString &error);
};

} // namespace craftchat::ui
