// A chat server running inside this app ("Host a server on this computer"). The app supplies
// the implementation (app/ embeds the server); the UI only sees this interface.
#pragma once

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <functional>

namespace craftchat::ui {

class ServerHost : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(bool ok, const QString &error)>;

    explicit ServerHost(QObject *parent = nullptr) : QObject(parent) {}

    virtual bool isAvailable() const = 0;  // false: this build cannot host
    virtual bool isRunning() const = 0;
    virtual void start() = 0;              // started() or failed() follows
    virtual void stop() = 0;               // stopped() follows
    virtual QUrl localUrl() const = 0;     // http://127.0.0.1:<port>
    virtual QString dataDirectory() const = 0;
    // True until the host's admin account exists (first start).
    virtual bool needsAdmin() const = 0;
    virtual void createAdmin(const QString &fullName, const QString &email, const QString &password,
                             Done done) = 0;

    // Addresses other computers on the network can use, e.g. http://192.168.1.20:3001.
    QStringList networkUrls() const;

signals:
    void started(const QUrl &localUrl);
    void stopped();
    void failed(const QString &error);
};

} // namespace craftchat::ui
