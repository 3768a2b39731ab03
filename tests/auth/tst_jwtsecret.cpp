// JwtSecret: configured text, configured file, or a generated <dataDir>/jwt-secret (0600).
#include "server/auth/jwtsecret.h"

#include <QtTest>

#include <sys/stat.h>

using namespace craftchat::auth;

namespace {

int fileMode(const QString &path)
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(content), content.size());
}

} // namespace

class TestJwtSecret : public QObject
{
    Q_OBJECT
private slots:
    void generatedOnFirstStartWithMode0600AndReused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dataDir = dir.filePath(QStringLiteral("data/nested"));
        const QString path = dataDir + QStringLiteral("/jwt-secret");
        // Even with a permissive umask the file must not be readable by others.
        const mode_t oldMask = ::umask(0);
        const auto first = JwtSecret::resolve(JwtSecretSettings{{}, {}, dataDir});
        ::umask(oldMask);
        QVERIFY2(first, qPrintable(first.errorMessage()));
        QCOMPARE(first->size(), 64);
        QVERIFY(QByteArray::fromHex(*first).toHex() == *first);
        QVERIFY(QFile::exists(path));
        QCOMPARE(fileMode(path), 0600);

        const auto second = JwtSecret::resolve(JwtSecretSettings{{}, {}, dataDir});
        QVERIFY2(second, qPrintable(second.errorMessage()));
        QCOMPARE(*second, *first);

        QTemporaryDir other;
        const auto third = JwtSecret::resolve(JwtSecretSettings{{}, {}, other.path()});
        QVERIFY(third);
        QVERIFY(*third != *first);
    }

    void readableGeneratedFileIsTightened()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("jwt-secret"));
        writeFile(path, "existing-secret-existing-secret-existing\n");
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther
                                                | QFileDevice::ReadGroup));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("accessible to other users")));
        const auto secret = JwtSecret::resolve(JwtSecretSettings{{}, {}, dir.path()});
        QVERIFY2(secret, qPrintable(secret.errorMessage()));
        QCOMPARE(*secret, QByteArray("existing-secret-existing-secret-existing"));
        QCOMPARE(fileMode(path), 0600);
    }

    void configuredTextWins()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("secret.txt"));
        writeFile(file, "from-the-file-from-the-file-from-the-file");
        const auto secret = JwtSecret::resolve(
            JwtSecretSettings{QStringLiteral("from-the-text-from-the-text-from-the-text"), file, dir.path()});
        QVERIFY(secret);
        QCOMPARE(*secret, QByteArray("from-the-text-from-the-text-from-the-text"));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("jwt-secret"))));
    }

    void configuredFileWinsOverDataDir()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("secret.txt"));
        writeFile(file, "  from-the-file-from-the-file-from-the-file \n\n");
        QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const auto secret = JwtSecret::resolve(JwtSecretSettings{{}, file, dir.path()});
        QVERIFY2(secret, qPrintable(secret.errorMessage()));
        QCOMPARE(*secret, QByteArray("from-the-file-from-the-file-from-the-file"));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("jwt-secret"))));
    }

    void shortSecretIsAcceptedWithWarning()
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("shorter than 32 bytes")));
        const auto secret = JwtSecret::resolve(JwtSecretSettings{QStringLiteral("change-me"), {}, {}});
        QVERIFY(secret);
        QCOMPARE(*secret, QByteArray("change-me"));
    }

    void badFilesAreErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("create");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("missing") << QByteArray() << false << QStringLiteral("Cannot read the JWT secret file");
        QTest::newRow("empty") << QByteArray() << true << QStringLiteral("is empty");
        QTest::newRow("whitespace only") << QByteArray(" \n\t\n") << true << QStringLiteral("is empty");
        QTest::newRow("too large") << QByteArray(5000, 'a') << true << QStringLiteral("larger than 4096 bytes");
    }

    void badFilesAreErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, create);
        QFETCH(QString, expectedError);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("secret.txt"));
        if (create)
            writeFile(file, content);
        const auto secret = JwtSecret::resolve(JwtSecretSettings{{}, file, dir.path()});
        QVERIFY(!secret);
        QVERIFY2(secret.errorMessage().contains(expectedError), qPrintable(secret.errorMessage()));
        QVERIFY(secret.errorMessage().contains(file));
    }

    void unwritableDataDirIsAnError()
    {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("not-a-dir"));
        writeFile(blocker, "x");
        const auto secret = JwtSecret::resolve(JwtSecretSettings{{}, {}, blocker + QStringLiteral("/data")});
        QVERIFY(!secret);
        QVERIFY2(secret.errorMessage().contains(QLatin1String("Cannot create the directory")),
                 qPrintable(secret.errorMessage()));
    }

    void noSourceAtAllIsAnError()
    {
        const auto secret = JwtSecret::resolve(JwtSecretSettings{});
        QVERIFY(!secret);
        QVERIFY(secret.errorMessage().contains(QLatin1String("No JWT secret configured")));
    }
};

QTEST_MAIN(TestJwtSecret)
#include "tst_jwtsecret.moc"
