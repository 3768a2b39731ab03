// JWT interoperability with the npm jsonwebtoken package, both ways: tokens signed by Node
// verify here, and tokens signed here verify in Node (with algorithms: ['HS256']).
#include "server/auth/jwtcodec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

using namespace craftchat::auth;

namespace {

// A secret with non-ASCII text: both sides must use its UTF-8 bytes as the key.
const QString Secret = QStringLiteral("interop-secret-\u00e4\u00f6\u00fc-0123456789abcdef0123456789");

} // namespace

class TestJwtInterop : public QObject
{
    Q_OBJECT
private:
    QString m_node;

    // Runs the helper script; returns its trimmed stdout (fails the test on a bad exit).
    QByteArray runNode(const QStringList &arguments, const QString &secret = Secret)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("JWT_SECRET"), secret);
        env.insert(QStringLiteral("NODE_PATH"), QStringLiteral(CRAFTCHAT_INTEROP_DIR "/node_modules"));
        process.setProcessEnvironment(env);
        process.start(m_node, QStringList{QStringLiteral(CRAFTCHAT_JWT_INTEROP_SCRIPT)} + arguments);
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            qWarning("node did not finish: %s", qPrintable(process.errorString()));
            return {};
        }
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            qWarning("node failed (%d): %s", process.exitCode(), process.readAllStandardError().constData());
            return {};
        }
        return process.readAllStandardOutput().trimmed();
    }

    QJsonObject nodeVerify(const QString &token)
    {
        const QByteArray out = runNode({QStringLiteral("verify"), token});
        return QJsonDocument::fromJson(out).object();
    }

private slots:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (m_node.isEmpty())
            QFAIL("node was not found on PATH: install Node.js 20 to run the interop tests");
        const QString modules = QStringLiteral(CRAFTCHAT_INTEROP_DIR "/node_modules/jsonwebtoken");
        if (!QFileInfo::exists(modules))
            QFAIL(qPrintable(
                QStringLiteral("%1 is missing: run the setup script (or `npm ci` in tests/interop) before the "
                               "interop tests")
                    .arg(modules)));
    }

    void nodeTokenVerifiesHere_data()
    {
        QTest::addColumn<QString>("userId");
        QTest::addColumn<QString>("role");
        QTest::newRow("client") << QStringLiteral("665f1c2ab9e7d1a2b3c4d5e6") << QStringLiteral("client");
        QTest::newRow("craftsman") << QStringLiteral("c-1") << QStringLiteral("craftsman");
        QTest::newRow("admin, unicode id") << QStringLiteral("adm\u00edn-\u4e2d") << QStringLiteral("admin");
    }

    void nodeTokenVerifiesHere()
    {
        QFETCH(QString, userId);
        QFETCH(QString, role);
        const qint64 before = JwtCodec::currentTime();
        const QByteArray token = runNode({QStringLiteral("sign"), userId, role, QStringLiteral("3600")});
        QVERIFY(!token.isEmpty());

        const JwtCodec codec(Secret.toUtf8());
        const JwtVerifyResult result = codec.verify(QString::fromLatin1(token));
        QVERIFY2(result.ok(), qPrintable(jwtErrorName(result.error())));
        QCOMPARE(result.value().userId, userId);
        QCOMPARE(result.value().role, role);
        QVERIFY(result.value().issuedAt >= before - 1);
        QCOMPARE(result.value().expiresAt - result.value().issuedAt, qint64(3600));
    }

    void ourTokenVerifiesInNode_data() { nodeTokenVerifiesHere_data(); }

    void ourTokenVerifiesInNode()
    {
        QFETCH(QString, userId);
        QFETCH(QString, role);
        const JwtCodec codec(Secret.toUtf8());
        const QString token = codec.sign(userId, role);
        const JwtClaims claims = codec.verify(token).value();

        const QJsonObject answer = nodeVerify(token);
        QVERIFY2(answer.value(QStringLiteral("ok")).toBool(),
                 qPrintable(answer.value(QStringLiteral("error")).toString()));
        const QJsonObject payload = answer.value(QStringLiteral("payload")).toObject();
        QCOMPARE(payload.value(QStringLiteral("userId")).toString(), userId);
        QCOMPARE(payload.value(QStringLiteral("role")).toString(), role);
        QCOMPARE(payload.value(QStringLiteral("iat")).toInteger(), claims.issuedAt);
        QCOMPARE(payload.value(QStringLiteral("exp")).toInteger(), claims.expiresAt);
        QCOMPARE(claims.expiresAt - claims.issuedAt, qint64(JwtCodec::DefaultLifetime.count()));
    }

    void nodeRefusesOurTokenWithOtherSecret()
    {
        const QString token = JwtCodec("some-other-secret-some-other-secret").sign(QStringLiteral("u1"), RoleClient);
        const QJsonObject answer = nodeVerify(token);
        QCOMPARE(answer.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(answer.value(QStringLiteral("error")).toString(), QStringLiteral("invalid signature"));
    }

    void nodeRefusesOurExpiredToken()
    {
        const qint64 now = JwtCodec::currentTime();
        const QString token
            = JwtCodec(Secret.toUtf8()).sign(JwtClaims{QStringLiteral("u1"), RoleClient, now - 120, now - 60});
        const QJsonObject answer = nodeVerify(token);
        QCOMPARE(answer.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(answer.value(QStringLiteral("error")).toString(), QStringLiteral("jwt expired"));
    }

    void nodeTokenWithOtherSecretIsRefusedHere()
    {
        const QByteArray token
            = runNode({QStringLiteral("sign"), QStringLiteral("u1"), QStringLiteral("client"), QStringLiteral("3600")},
                      QStringLiteral("not-the-server-secret"));
        QVERIFY(!token.isEmpty());
        QCOMPARE(JwtCodec(Secret.toUtf8()).verify(QString::fromLatin1(token)).error(), JwtError::BadSignature);
    }

    void nodeExpiredTokenIsRefusedHere()
    {
        const QByteArray token
            = runNode({QStringLiteral("sign-expired"), QStringLiteral("u1"), QStringLiteral("client")});
        QVERIFY(!token.isEmpty());
        QCOMPARE(JwtCodec(Secret.toUtf8()).verify(QString::fromLatin1(token)).error(), JwtError::Expired);
    }

    void nodeHs512TokenIsRefusedHere()
    {
        const QByteArray token = runNode({QStringLiteral("sign"), QStringLiteral("u1"), QStringLiteral("client"),
                                          QStringLiteral("3600"), QStringLiteral("HS512")});
        QVERIFY(!token.isEmpty());
        QCOMPARE(JwtCodec(Secret.toUtf8()).verify(QString::fromLatin1(token)).error(), JwtError::BadAlgorithm);
    }
};

QTEST_MAIN(TestJwtInterop)
#include "tst_jwtinterop.moc"
