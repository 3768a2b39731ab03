#include "ui/util/tokenstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#ifdef CRAFTCHAT_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace craftchat::ui {

namespace {
const QString ServiceName = QStringLiteral("CraftChat");

QString settingsKey(const QString &key)
{
    return QStringLiteral("tokens/")
           + QString::fromLatin1(key.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

TokenStore::TokenStore(const QString &fallbackPath, Backend backend, QObject *parent)
    : QObject(parent)
    , m_fallbackPath(fallbackPath)
    , m_backend(backend)
{}

QString TokenStore::defaultFallbackPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/session.ini");
}

void TokenStore::load(const QString &key, std::function<void(const QString &)> done)
{
#ifdef CRAFTCHAT_HAVE_KEYCHAIN
    if (m_backend == Backend::Auto) {
        auto *job = new QKeychain::ReadPasswordJob(ServiceName, this);
        job->setKey(key);
        connect(job, &QKeychain::Job::finished, this, [this, key, done, job] {
            if (job->error() == QKeychain::NoError)
                done(job->textData());
            else
                done(fileLoad(key));
        });
        job->start();
        return;
    }
#endif
    done(fileLoad(key));
}

void TokenStore::save(const QString &key, const QString &token)
{
#ifdef CRAFTCHAT_HAVE_KEYCHAIN
    if (m_backend == Backend::Auto) {
        auto *job = new QKeychain::WritePasswordJob(ServiceName, this);
        job->setKey(key);
        job->setTextData(token);
        connect(job, &QKeychain::Job::finished, this, [this, key, token, job] {
            if (job->error() == QKeychain::NoError)
                fileForget(key); // the keychain has it; keep no second copy
            else
                fileSave(key, token);
        });
        job->start();
        return;
    }
#endif
    fileSave(key, token);
}

void TokenStore::forget(const QString &key)
{
#ifdef CRAFTCHAT_HAVE_KEYCHAIN
    if (m_backend == Backend::Auto) {
        auto *job = new QKeychain::DeletePasswordJob(ServiceName, this);
        job->setKey(key);
        job->start();
    }
#endif
    fileForget(key);
}

QString TokenStore::fileLoad(const QString &key) const
{
    QSettings settings(m_fallbackPath, QSettings::IniFormat);
    return settings.value(settingsKey(key)).toString();
}

void TokenStore::fileSave(const QString &key, const QString &token) const
{
    QDir().mkpath(QFileInfo(m_fallbackPath).absolutePath());
    {
        QFile file(m_fallbackPath);
        // Create it owner-only before any secret is written into it.
        if (!file.exists() && file.open(QIODevice::WriteOnly))
            file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    QSettings settings(m_fallbackPath, QSettings::IniFormat);
    settings.setValue(settingsKey(key), token);
    settings.sync();
    QFile::setPermissions(m_fallbackPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void TokenStore::fileForget(const QString &key) const
{
    if (!QFile::exists(m_fallbackPath))
        return;
    QSettings settings(m_fallbackPath, QSettings::IniFormat);
    settings.remove(settingsKey(key));
    settings.sync();
}

} // namespace craftchat::ui
