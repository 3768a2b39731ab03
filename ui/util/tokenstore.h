// Keeps the session token of one server account: in the system keychain (qtkeychain) when one
// is available, else in a separate settings file readable by the owner only (0600).
#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace craftchat::ui {

class TokenStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend {
        Auto,
        FileOnly
    };

    // fallbackPath: the settings file used when no keychain answers.
    explicit TokenStore(const QString &fallbackPath, Backend backend = Backend::Auto, QObject *parent = nullptr);

    // key identifies the account (server URL); the callback gets "" when nothing is stored.
    void load(const QString &key, std::function<void(const QString &token)> done);
    void save(const QString &key, const QString &token);
    void forget(const QString &key);

    QString fallbackPath() const { return m_fallbackPath; }
    static QString defaultFallbackPath();

private:
    QString fileLoad(const QString &key) const;
    void fileSave(const QString &key, const QString &token) const;
    void fileForget(const QString &key) const;

    QString m_fallbackPath;
    Backend m_backend;
};

} // namespace craftchat::ui
