#include "ui/models/outbox.h"

#include "common/contract/timestamp.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>

namespace craftchat::ui {

namespace {
constexpr qint64 MaxFileBytes = 64 * 1024 * 1024;

QString stateName(Outbox::State s)
{
    return s == Outbox::State::Failed ? QStringLiteral("failed") : QStringLiteral("pending");
}
} // namespace

QString Outbox::Entry::displayContent() const
{
    if (needsUpload() && !localFile.isEmpty())
        return QUrl::fromLocalFile(localFile).toString();
    return content;
}

Outbox::Outbox(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{}

Outbox::~Outbox() = default;

QString Outbox::filesDir() const
{
    if (!m_path.isEmpty()) {
        const QFileInfo info(m_path);
        return info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral("-files");
    }
    if (!m_tempFiles)
        m_tempFiles = std::make_unique<QTemporaryDir>();
    return m_tempFiles->path();
}

bool Outbox::isOwnFile(const QString &file) const
{
    // A copy is only ever used (and deleted) inside filesDir(), whatever the JSON says.
    const QFileInfo info(file);
    return !file.isEmpty() && info.isFile()
           && QFileInfo(info.absolutePath()).canonicalFilePath() == QFileInfo(filesDir()).canonicalFilePath();
}

QString Outbox::defaultPath(const QString &accountKey)
{
    const QByteArray hash = QCryptographicHash::hash(accountKey.toUtf8(), QCryptographicHash::Sha256);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/outbox-")
           + QString::fromLatin1(hash.toHex().left(16)) + QStringLiteral(".json");
}

bool Outbox::load()
{
    m_entries.clear();
    if (m_path.isEmpty())
        return true;
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (file.size() > MaxFileBytes || !file.open(QIODevice::ReadOnly))
        return false;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isArray())
        return false;
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.clientMessageId = o.value(QStringLiteral("clientMessageId")).toString();
        e.chatId = o.value(QStringLiteral("chatId")).toString();
        e.type = o.value(QStringLiteral("messageType")).toString();
        e.content = o.value(QStringLiteral("content")).toString();
        e.createdAt
            = contract::parseIsoTimestamp(o.value(QStringLiteral("createdAt")).toString()).value_or(contract::nowUtc());
        e.state
            = o.value(QStringLiteral("state")).toString() == QLatin1String("failed") ? State::Failed : State::Pending;
        e.error = o.value(QStringLiteral("error")).toString();
        e.replyToId = o.value(QStringLiteral("replyToId")).toString();
        e.fileName = o.value(QStringLiteral("fileName")).toString();
        e.permanent = e.state == State::Failed && o.value(QStringLiteral("permanent")).toBool();
        e.localFile = o.value(QStringLiteral("localFile")).toString();
        if (!e.localFile.isEmpty() && !isOwnFile(e.localFile))
            e.localFile.clear();
        if (e.clientMessageId.isEmpty() || e.chatId.isEmpty() || indexOf(e.clientMessageId) >= 0
            || (e.content.isEmpty() && !e.needsUpload()) || (e.needsUpload() && e.localFile.isEmpty()))
            continue;
        m_entries.append(e);
    }
    removeOrphanCopies();
    return true;
}

void Outbox::removeOrphanCopies() const
{
    // Copies no entry refers to (an entry dropped on load, a crash between copy and save).
    QSet<QString> used;
    for (const Entry &e : m_entries)
        if (!e.localFile.isEmpty())
            used.insert(QFileInfo(e.localFile).fileName());
    const QDir dir(filesDir());
    for (const QFileInfo &file : dir.entryInfoList(QDir::Files | QDir::Hidden))
        if (!used.contains(file.fileName()))
            QFile::remove(file.absoluteFilePath());
}

void Outbox::save() const
{
    if (m_path.isEmpty())
        return;
    QJsonArray array;
    for (const Entry &e : m_entries) {
        QJsonObject o{{QStringLiteral("clientMessageId"), e.clientMessageId},
                      {QStringLiteral("chatId"), e.chatId},
                      {QStringLiteral("messageType"), e.type},
                      {QStringLiteral("content"), e.content},
                      {QStringLiteral("createdAt"), contract::isoTimestamp(e.createdAt)},
                      {QStringLiteral("state"), stateName(e.state)}};
        if (!e.error.isEmpty())
            o.insert(QStringLiteral("error"), e.error);
        if (e.permanent)
            o.insert(QStringLiteral("permanent"), true);
        if (!e.localFile.isEmpty())
            o.insert(QStringLiteral("localFile"), e.localFile);
        if (!e.replyToId.isEmpty())
            o.insert(QStringLiteral("replyToId"), e.replyToId);
        if (!e.fileName.isEmpty())
            o.insert(QStringLiteral("fileName"), e.fileName);
        array.append(o);
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(array).toJson(QJsonDocument::Compact));
    file.commit();
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

QString Outbox::enqueue(const QString &chatId, const QString &type, const QString &content, const QString &replyToId)
{
    Entry e;
    e.clientMessageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.chatId = chatId;
    e.type = type;
    e.content = content;
    e.replyToId = replyToId;
    e.createdAt = contract::nowUtc();
    m_entries.append(e);
    save();
    emit added(e);
    return e.clientMessageId;
}

QString Outbox::enqueueImage(const QString &chatId, const QString &sourceFile, const QString &replyToId)
{
    return enqueueCopy(chatId, QStringLiteral("image"), sourceFile, replyToId);
}

QString Outbox::enqueueFile(const QString &chatId, const QString &sourceFile, const QString &replyToId)
{
    return enqueueCopy(chatId, QStringLiteral("file"), sourceFile, replyToId);
}

QString Outbox::enqueueCopy(const QString &chatId, const QString &type, const QString &sourceFile,
                            const QString &replyToId)
{
    const QString dir = filesDir();
    if (!QDir().mkpath(dir))
        return {};
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    Entry e;
    e.clientMessageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    e.chatId = chatId;
    e.type = type;
    e.replyToId = replyToId;
    e.fileName = QFileInfo(sourceFile).fileName();
    e.createdAt = contract::nowUtc();
    QString suffix = QFileInfo(sourceFile).suffix().toLower();
    static const QRegularExpression safeSuffix(QStringLiteral("^[a-z0-9]{1,5}$"));
    if (!safeSuffix.match(suffix).hasMatch())
        suffix = QStringLiteral("img");
    e.localFile = dir + QLatin1Char('/') + e.clientMessageId + QLatin1Char('.') + suffix;
    if (!QFile::copy(sourceFile, e.localFile))
        return {};
    QFile::setPermissions(e.localFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_entries.append(e);
    save();
    emit added(e);
    return e.clientMessageId;
}

void Outbox::setUploaded(const QString &clientMessageId, const QString &url)
{
    const int i = indexOf(clientMessageId);
    if (i < 0 || url.isEmpty() || !m_entries[i].needsUpload())
        return;
    m_entries[i].content = url;
    save();
    emit uploaded(clientMessageId, url);
}

QList<Outbox::Entry> Outbox::pending() const
{
    QList<Entry> result;
    for (const Entry &e : m_entries)
        if (e.state == State::Pending)
            result.append(e);
    return result;
}

QList<Outbox::Entry> Outbox::entriesForChat(const QString &chatId) const
{
    QList<Entry> result;
    for (const Entry &e : m_entries)
        if (e.chatId == chatId)
            result.append(e);
    return result;
}

const Outbox::Entry *Outbox::find(const QString &clientMessageId) const
{
    const int i = indexOf(clientMessageId);
    return i < 0 ? nullptr : &m_entries[i];
}

int Outbox::indexOf(const QString &clientMessageId) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].clientMessageId == clientMessageId)
            return int(i);
    return -1;
}

void Outbox::setState(const QString &clientMessageId, State state, const QString &error, bool permanent)
{
    const int i = indexOf(clientMessageId);
    if (i < 0 || (m_entries[i].state == state && m_entries[i].error == error && m_entries[i].permanent == permanent))
        return;
    const bool persistedChange
        = (m_entries[i].state == State::Failed) != (state == State::Failed)
          || (state == State::Failed && (m_entries[i].error != error || m_entries[i].permanent != permanent));
    m_entries[i].state = state;
    m_entries[i].error = error;
    m_entries[i].permanent = permanent;
    if (persistedChange)
        save();
    emit stateChanged(clientMessageId, state);
}

void Outbox::markSending(const QString &clientMessageId)
{
    setState(clientMessageId, State::Sending);
}
void Outbox::markPending(const QString &clientMessageId)
{
    setState(clientMessageId, State::Pending);
}
void Outbox::markFailed(const QString &clientMessageId, const QString &error, bool permanent)
{
    setState(clientMessageId, State::Failed, error, permanent);
}

void Outbox::remove(const QString &clientMessageId)
{
    const int i = indexOf(clientMessageId);
    if (i < 0)
        return;
    const QString chatId = m_entries[i].chatId;
    if (isOwnFile(m_entries[i].localFile))
        QFile::remove(m_entries[i].localFile);
    m_entries.removeAt(i);
    save();
    emit removed(clientMessageId, chatId);
}

void Outbox::discardAll()
{
    const QList<Entry> gone = m_entries;
    m_entries.clear();
    if (!m_path.isEmpty())
        QFile::remove(m_path);
    QDir(filesDir()).removeRecursively();
    for (const Entry &e : gone)
        emit removed(e.clientMessageId, e.chatId);
}

} // namespace craftchat::ui
