#include "bench/databench/datagen.h"

#include "server/storage/sqlitechatstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <vector>

namespace craftchat::bench {

namespace {

const char *const RealWords[] = {
    "Fliesen", "Rechnung", "Angebot", "Termin", "Bad", "Küche", "Heizung", "Fenster", "Dach", "Wand",
    "Boden", "Parkett", "Farbe", "Material", "Montag", "Dienstag", "morgen", "heute", "Preis", "Euro",
    "invoice", "quote", "tiles", "plumber", "window", "paint", "Café", "Straße", "Größe", "Maße",
    "Garantie", "Lieferung", "Schraube", "Dusche", "Waschbecken", "Leitung", "Steckdose", "Licht",
    "فاتورة", "البلاط", "موعد", "المطبخ", "الحمام", "سعر",
    "und", "der", "die", "das", "ist", "bitte", "danke", "ja", "nein", "gut", "wann", "wie", "the", "and",
};

const char *const Syllables[] = {"ka", "lo", "mi", "ter", "ban", "sto", "ri", "gel", "fu", "nak", "pe", "dor",
                                 "sil", "ven", "to", "ra", "mul", "ke", "bri", "san", "tol", "ef", "um", "zar"};

bool run(QSqlQuery &q, const QString &sql, QString *error)
{
    if (q.exec(sql))
        return true;
    *error = sql.left(80) + QStringLiteral(": ") + q.lastError().text();
    return false;
}

} // namespace

QStringList vocabulary(quint32 seed)
{
    QStringList words;
    for (const char *w : RealWords)
        words.append(QString::fromUtf8(w));
    QRandomGenerator random(seed);
    constexpr int Made = 20'000;
    const int syllables = int(std::size(Syllables));
    while (words.size() < Made) {
        QString w;
        const int parts = 2 + random.bounded(3);
        for (int i = 0; i < parts; ++i)
            w += QLatin1String(Syllables[random.bounded(syllables)]);
        words.append(w);
    }
    return words;
}

QString userId(int n)
{
    return QStringLiteral("u%1").arg(n, 23, 10, QLatin1Char('0'));
}

QString chatId(int n)
{
    return QStringLiteral("c%1").arg(n, 23, 10, QLatin1Char('0'));
}

QString generateDataSet(const DataSetOptions &o, const std::function<void(const QString &)> &progress)
{
    // The schema, exactly as the server makes it.
    {
        auto store = storage::SqliteChatStore::open(o.dataDirectory);
        if (!store)
            return store.errorMessage();
    }
    const QString path = o.dataDirectory + QStringLiteral("/craftchat.sqlite3");
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("databench-gen"));
        db.setDatabaseName(path);
        if (!db.open())
            return db.lastError().text();
        QSqlQuery q(db);
        for (const char *pragma : {"PRAGMA synchronous = OFF", "PRAGMA cache_size = -2000000",
                                   "PRAGMA temp_store = MEMORY", "PRAGMA foreign_keys = OFF"}) {
            if (!run(q, QString::fromLatin1(pragma), &error))
                return error;
        }
        const qint64 base = QDateTime::currentMSecsSinceEpoch() - o.messages * 3000 - 86'400'000;
        QRandomGenerator random(o.seed);
        const QStringList words = vocabulary(o.seed);
        const int users = o.clients + o.craftsmen;

        if (!run(q, QStringLiteral("BEGIN"), &error))
            return error;
        QSqlQuery user(db);
        user.prepare(QStringLiteral("INSERT INTO users (id, email, full_name, name_key, role, password_hash, created_at) "
                                    "VALUES (?, ?, ?, ?, ?, 'x', ?)"));
        for (int i = 0; i < users; ++i) {
            const bool client = i < o.clients;
            const QString name = (client ? QStringLiteral("Kunde %1") : QStringLiteral("Meister %1")).arg(i);
            user.bindValue(0, userId(i));
            user.bindValue(1, QStringLiteral("user%1@example.com").arg(i));
            user.bindValue(2, name);
            user.bindValue(3, name.toCaseFolded());
            user.bindValue(4, client ? QStringLiteral("client") : QStringLiteral("craftsman"));
            user.bindValue(5, base);
            if (!user.exec())
                return user.lastError().text();
        }
        QSqlQuery chat(db);
        chat.prepare(QStringLiteral("INSERT INTO chats (id, client_id, craftsman_id, created_at, updated_at) "
                                    "VALUES (?, ?, ?, ?, ?)"));
        QSqlQuery participant(db);
        participant.prepare(QStringLiteral("INSERT INTO chat_participants (chat_id, user_id, position, unread_count, "
                                           "activity_at, activity_seq, read_seq) VALUES (?, ?, ?, 0, ?, ?, 0)"));
        std::vector<std::pair<int, int>> members(std::size_t(o.chats));
        for (int i = 0; i < o.chats; ++i) {
            const int client = i % o.clients;
            const int craftsman = o.clients + (i + i / o.clients * 37) % o.craftsmen;
            members[std::size_t(i)] = {client, craftsman};
            chat.bindValue(0, chatId(i));
            chat.bindValue(1, userId(client));
            chat.bindValue(2, userId(craftsman));
            chat.bindValue(3, base);
            chat.bindValue(4, base);
            if (!chat.exec())
                return chat.lastError().text();
            for (int position = 0; position < 2; ++position) {
                participant.bindValue(0, chatId(i));
                participant.bindValue(1, userId(position == 0 ? client : craftsman));
                participant.bindValue(2, position);
                participant.bindValue(3, base);
                participant.bindValue(4, i);
                if (!participant.exec())
                    return participant.lastError().text();
            }
        }

        QSqlQuery message(db);
        message.prepare(QStringLiteral(
            "INSERT INTO messages (seq, id, chat_id, sender_id, message_type, content, is_read, read_at, created_at, "
            "upload_id, reply_to_seq, edited_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)"));
        QSqlQuery upload(db);
        upload.prepare(QStringLiteral("INSERT INTO uploads (id, owner_id, file_name, mime, size, created_at, original_name) "
                                      "VALUES (?, ?, ?, 'application/pdf', ?, ?, ?)"));
        std::vector<qint64> lastOfChat(std::size_t(o.chats), 0);
        const int vocabularySize = int(words.size());
        QElapsedTimer timer;
        timer.start();
        for (qint64 seq = 1; seq <= o.messages; ++seq) {
            const int c = int(random.bounded(quint32(o.chats)));
            const auto [client, craftsman] = members[std::size_t(c)];
            const int sender = random.bounded(2) == 0 ? client : craftsman;
            const qint64 at = base + seq * 3000;
            const QString id = QStringLiteral("m%1").arg(seq, 23, 10, QLatin1Char('0'));
            QString type = QStringLiteral("text");
            QString content;
            QVariant uploadId(QMetaType::fromType<QString>());
            if (random.bounded(50) == 0) {   // 2 % files
                type = QStringLiteral("file");
                const QString file = QStringLiteral("%1.pdf").arg(seq, 32, 16, QLatin1Char('0'));
                uploadId = QStringLiteral("up%1").arg(seq);
                upload.bindValue(0, uploadId);
                upload.bindValue(1, userId(sender));
                upload.bindValue(2, file);
                upload.bindValue(3, 1000 + random.bounded(1'000'000));
                upload.bindValue(4, at);
                upload.bindValue(5, QStringLiteral("%1 %2.pdf").arg(words.at(random.bounded(40)), words.at(random.bounded(vocabularySize))));
                if (!upload.exec())
                    return upload.lastError().text();
                content = QStringLiteral("/uploads/") + file;
            } else {
                const int n = 4 + random.bounded(12);
                for (int w = 0; w < n; ++w) {
                    // Skewed: u^3 favours the first (real) words.
                    const double u = random.generateDouble();
                    if (w > 0)
                        content += QLatin1Char(' ');
                    content += words.at(int(u * u * u * vocabularySize));
                }
            }
            const qint64 previous = lastOfChat[std::size_t(c)];
            message.bindValue(0, seq);
            message.bindValue(1, id);
            message.bindValue(2, chatId(c));
            message.bindValue(3, userId(sender));
            message.bindValue(4, type);
            message.bindValue(5, content);
            message.bindValue(6, at + 60'000);
            message.bindValue(7, at);
            message.bindValue(8, uploadId);
            message.bindValue(9, previous > 0 && random.bounded(20) == 0 ? QVariant(previous)
                                                                           : QVariant(QMetaType::fromType<qlonglong>()));
            message.bindValue(10, type == QLatin1String("text") && random.bounded(100) == 0
                                      ? QVariant(at + 5000) : QVariant(QMetaType::fromType<qlonglong>()));
            if (!message.exec())
                return message.lastError().text();
            lastOfChat[std::size_t(c)] = seq;
            if (seq % 500'000 == 0) {
                if (!run(q, QStringLiteral("COMMIT"), &error) || !run(q, QStringLiteral("BEGIN"), &error))
                    return error;
                progress(QStringLiteral("%1 messages, %2 s").arg(seq).arg(timer.elapsed() / 1000.0, 0, 'f', 1));
            }
        }
        message.finish();
        upload.finish();
        progress(QStringLiteral("chats' last messages and read marks"));
        if (!run(q, QStringLiteral(
                        "UPDATE chats SET (last_message, last_message_at, last_message_sender_id) = "
                        "(SELECT CASE WHEN m.message_type = 'file' THEN a.original_name ELSE m.content END, "
                        "m.created_at, m.sender_id FROM messages m LEFT JOIN uploads a ON a.id = m.upload_id "
                        "WHERE m.chat_id = chats.id ORDER BY m.seq DESC LIMIT 1)"), &error)
            || !run(q, QStringLiteral("UPDATE chat_participants SET read_seq = "
                                      "(SELECT COALESCE(MAX(seq), 0) FROM messages m WHERE m.chat_id = chat_participants.chat_id), "
                                      "activity_seq = read_seq, activity_at = (SELECT last_message_at FROM chats c "
                                      "WHERE c.id = chat_participants.chat_id)"), &error)
            || !run(q, QStringLiteral("COMMIT"), &error))
            return error;
        progress(QStringLiteral("search index (%1 s so far)").arg(timer.elapsed() / 1000.0, 0, 'f', 1));
        if (!run(q, QStringLiteral("BEGIN"), &error)
            || !run(q, QStringLiteral("INSERT INTO messages_fts (rowid, body, chat) SELECT m.seq, "
                                      "CASE WHEN m.message_type = 'file' THEN a.original_name ELSE m.content END, "
                                      "'k' || hex(m.chat_id) "
                                      "FROM messages m LEFT JOIN uploads a ON a.id = m.upload_id "
                                      "WHERE m.message_type IN ('text', 'file') ORDER BY m.seq"), &error)
            || !run(q, QStringLiteral("COMMIT"), &error)
            || !run(q, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), &error))
            return error;
        progress(QStringLiteral("done in %1 s").arg(timer.elapsed() / 1000.0, 0, 'f', 1));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("databench-gen"));
    return {};
}

} // namespace craftchat::bench
