// Messages written but not yet confirmed by the server, persisted as JSON so that nothing is
// lost across an app restart. Each has a clientMessageId, which makes resending idempotent.
#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

namespace craftchat::ui {

class Outbox : public QObject
{
    Q_OBJECT
public:
    enum class State { Pending, Sending, Failed };
    Q_ENUM(State)

    struct Entry
    {
        QString clientMessageId;
        QString chatId;
        QString type;      // "text" / "image"
        QString content;
        QDateTime createdAt;
        State state = State::Pending;
        QString error;     // for Failed
    };

    // path: the JSON file ("" keeps the outbox in memory only).
    explicit Outbox(const QString &path = {}, QObject *parent = nullptr);

    // Reads the file; entries that were being sent are pending again.
    bool load();
    QString path() const { return m_path; }

    QString enqueue(const QString &chatId, const QString &type, const QString &content);
    // The next entries to send, oldest first (Pending ones).
    QList<Entry> pending() const;
    QList<Entry> entries() const { return m_entries; }
    QList<Entry> entriesForChat(const QString &chatId) const;
    const Entry *find(const QString &clientMessageId) const;
    int size() const { return int(m_entries.size()); }

    void markSending(const QString &clientMessageId);
    void markPending(const QString &clientMessageId); // a lost ack, or a retry of a failed one
    void markFailed(const QString &clientMessageId, const QString &error);
    void remove(const QString &clientMessageId); // the server stored it

    static QString defaultPath(const QString &accountKey);

signals:
    void added(const craftchat::ui::Outbox::Entry &entry);
    void stateChanged(const QString &clientMessageId, craftchat::ui::Outbox::State state);
    void removed(const QString &clientMessageId, const QString &chatId);

private:
    int indexOf(const QString &clientMessageId) const;
    void setState(const QString &clientMessageId, State state, const QString &error = {});
    void save() const;

    QString m_path;
    QList<Entry> m_entries;
};

} // namespace craftchat::ui
