#include "ui/util/relativetime.h"
#include "ui/util/tokenstore.h"

#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace craftchat::ui;

class TestUiUtil : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); }

    void relativeTimes_data()
    {
        QTest::addColumn<qint64>("secondsAgo");
        QTest::addColumn<QString>("expected");
        QTest::newRow("just now") << qint64(5) << "now";
        QTest::newRow("minutes") << qint64(5 * 60 + 10) << "5 min";
        QTest::newRow("yesterday") << qint64(26 * 3600) << "Yesterday";
        QTest::newRow("weekday") << qint64(3 * 24 * 3600) << "Mon";
    }
    void relativeTimes()
    {
        QFETCH(qint64, secondsAgo);
        QFETCH(QString, expected);
        // Thursday 26 Nov 2026, 20:00 local time.
        const QDateTime now(QDate(2026, 11, 26), QTime(20, 0), Qt::LocalTime);
        QCOMPARE(relativeTime(now.addSecs(-secondsAgo), now), expected);
    }

    void sameDayShowsClock()
    {
        const QDateTime now(QDate(2026, 11, 26), QTime(20, 0), Qt::LocalTime);
        QCOMPARE(relativeTime(QDateTime(QDate(2026, 11, 26), QTime(9, 5), Qt::LocalTime), now),
                 QStringLiteral("09:05"));
        QCOMPARE(dayLabel(QDate(2026, 11, 26), QDate(2026, 11, 26)), QStringLiteral("Today"));
        QCOMPARE(dayLabel(QDate(2026, 11, 25), QDate(2026, 11, 26)), QStringLiteral("Yesterday"));
        QVERIFY(!relativeTime(QDateTime(), now).size());
        QCOMPARE(parseTimestamp(QStringLiteral("2026-11-26T10:15:30.123Z")),
                 QDateTime(QDate(2026, 11, 26), QTime(10, 15, 30, 123), Qt::UTC));
        QVERIFY(!parseTimestamp(QStringLiteral("garbage")).isValid());
    }

    void tokenFallbackFileIsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cfg/session.ini"));
        TokenStore store(path, TokenStore::Backend::FileOnly);
        QString loaded = QStringLiteral("unset");
        store.load(QStringLiteral("http://a:1"), [&](const QString &t) { loaded = t; });
        QCOMPARE(loaded, QString());
        store.save(QStringLiteral("http://a:1"), QStringLiteral("tok-a"));
        store.save(QStringLiteral("http://b:2"), QStringLiteral("tok-b"));
        QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                              | QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::Permissions());
        store.load(QStringLiteral("http://a:1"), [&](const QString &t) { loaded = t; });
        QCOMPARE(loaded, QStringLiteral("tok-a"));
        store.forget(QStringLiteral("http://a:1"));
        store.load(QStringLiteral("http://a:1"), [&](const QString &t) { loaded = t; });
        QCOMPARE(loaded, QString());
        store.load(QStringLiteral("http://b:2"), [&](const QString &t) { loaded = t; });
        QCOMPARE(loaded, QStringLiteral("tok-b"));
    }
};

QTEST_GUILESS_MAIN(TestUiUtil)
#include "tst_uiutil.moc"
