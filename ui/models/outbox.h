// Messages written but not yet confirmed by the server, persisted as JSON so that nothing is
// lost across an app restart. Each has a clientMessageId, which makes resending idempotent.
// A photo waits as an image entry holding a private copy of the file (in filesDir(), owner
// only) until it is uploaded (then its content is the server's URL) and acknowledged.
#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace craftchat::ui {

class Outbox : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Pending,
        Sending,
        Failed
    };
    Q_ENUM(State)

    struct Entry
    {
        QString clientMessageId;
        QString chatId;
        QString type; // "text" / "image" / "file"
        QString content;
        QString replyToId; // the message this one answers ("" when none)
        QString fileName;  // image and file entries: the original name (sent as X-File-Name)
        QDateTime createdAt;
        State state = State::Pending;
        QString error;          // for Failed: why, for the user
        bool permanent = false; // Failed for a reason a retry cannot cure (the server refused it)
        QString localFile;      // image and file entries: the private copy ("" once removed)

        // An image or file not uploaded yet (its content, the URL, is still empty).
        bool needsUpload() const
        {
            return (type == QLatin1String("image") || type == QLatin1String("file")) && content.isEmpty();
        }
        bool isFile() const { return type == QLatin1String("file"); }
        // What a pending bubble shows: the text, the uploaded URL or the local file's URL.
        QString displayContent() const;
    };

    // path: the JSON file ("" keeps the outbox in memory only).
    explicit Outbox(const QString &path = {}, QObject *parent = nullptr);
    ~Outbox() override;

    // Reads the file; entries that were being sent are pending again.
    bool load();
    QString path() const { return m_path; }

    QString enqueue(const QString &chatId, const QString &type, const QString &content, const QString &replyToId = {});
    // Queues a photo: copies the file into filesDir() (owner-only). Returns its
    // clientMessageId, or "" when the copy could not be made.
    QString enqueueImage(const QString &chatId, const QString &sourceFile, const QString &replyToId = {});
    // Queues any file the same way, sent as a "file" message under its own name.
    QString enqueueFile(const QString &chatId, const QString &sourceFile, const QString &replyToId = {});
    // The photo of an image entry is on the server at url: the entry now sends that URL.
    void setUploaded(const QString &clientMessageId, const QString &url);
    // Where the photo copies live: next to the JSON file (a temporary folder in memory mode).
    QString filesDir() const;
    // The next entries to send, oldest first (Pending ones).
    QList<Entry> pending() const;
    QList<Entry> entries() const { return m_entries; }
    QList<Entry> entriesForChat(const QString &chatId) const;
    const Entry *find(const QString &clientMessageId) const;
    int size() const { return int(m_entries.size()); }

    void markSending(const QString &clientMessageId);
    void markPending(const QString &clientMessageId); // a lost ack, or a retry of a failed one
    void markFailed(const QString &clientMessageId, const QString &error, bool permanent = false);
    // The server stored it, or the user gave it up: the entry and its photo copy are gone.
    void remove(const QString &clientMessageId);
    // Forgets every entry and deletes the JSON file and the photo copies (signing out).
    void discardAll();

    static QString defaultPath(const QString &accountKey);

signals:
    void added(const craftchat::ui::Outbox::Entry &entry);
    void stateChanged(const QString &clientMessageId, craftchat::ui::Outbox::State state);
    void removed(const QString &clientMessageId, const QString &chatId);
    void uploaded(const QString &clientMessageId, const QString &url);

private:
    int indexOf(const QString &clientMessageId) const;
    void setState(const QString &clientMessageId, State state, const QString &error = {}, bool permanent = false);
    void save() const;

    bool isOwnFile(const QString &file) const;
    QString enqueueCopy(const QString &chatId, const QString &type, const QString &sourceFile,
                        const QString &replyToId);
    void removeOrphanCopies() const;

    QString m_path;
    QList<Entry> m_entries;
    mutable std::unique_ptr<QTemporaryDir> m_tempFiles; // memory mode only
};

} // namespace craftchat::ui
