// JwtCodec: signing, and verification of well-formed and hostile tokens.
#include "server/auth/base64url.h"
#include "server/auth/jwtcodec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <sodium.h>

using namespace craftchat::auth;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(craftchat::auth::JwtError)

namespace {

const QByteArray Secret = "tst-jwtcodec-secret-0123456789abcdef0123";
constexpr qint64 Now = 1'800'000'000;

QByteArray hs256(const QByteArray &key, const QByteArray &input)
{
    QByteArray mac(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.constData()), size_t(key.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(input.constData()),
                                  quint64(input.size()));
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char *>(mac.data()));
    return mac;
}

// A token with this exact header and payload text, correctly signed with `key`.
QString makeToken(const QByteArray &header, const QByteArray &payload, const QByteArray &key = Secret)
{
    const QByteArray input = base64UrlEncode(header) + '.' + base64UrlEncode(payload);
    return QString::fromLatin1(input + '.' + base64UrlEncode(hs256(key, input)));
}

QByteArray claimsJson(const QString &userId, const QString &role, qint64 iat, qint64 exp)
{
    return QStringLiteral(R"({"userId":"%1","role":"%2","iat":%3,"exp":%4})")
        .arg(userId, role)
        .arg(iat)
        .arg(exp)
        .toUtf8();
}

const QByteArray StdHeader = R"({"alg":"HS256","typ":"JWT"})";
const QByteArray GoodPayload = claimsJson(QStringLiteral("u1"), QStringLiteral("client"), Now - 10, Now + 3600);

} // namespace

class TestJwtCodec : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void verify_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<JwtError>("error");
        QTest::addColumn<QString>("userId");
        QTest::addColumn<QString>("role");

        const auto ok = [](const char *name, const QString &token, const char *user, const char *role) {
            QTest::newRow(name) << token << true << JwtError::Malformed << QString::fromUtf8(user)
                                << QString::fromUtf8(role);
        };
        const auto bad = [](const char *name, const QString &token, JwtError error) {
            QTest::newRow(name) << token << false << error << QString() << QString();
        };

        ok("valid", makeToken(StdHeader, GoodPayload), "u1", "client");
        ok("valid without typ", makeToken(R"({"alg":"HS256"})", GoodPayload), "u1", "client");
        ok("valid craftsman", makeToken(StdHeader, claimsJson("c-42", "craftsman", Now, Now + 1)), "c-42", "craftsman");
        ok("valid admin", makeToken(StdHeader, claimsJson("a", "admin", Now, Now + 60)), "a", "admin");
        ok("valid with extra claims",
           makeToken(StdHeader, R"({"userId":"u1","role":"client","iat":1799999990,"exp":1800003600,"foo":[1]})"), "u1",
           "client");
        ok("valid nbf in the past",
           makeToken(StdHeader, R"({"userId":"u1","role":"client","iat":1,"exp":1800003600,"nbf":1799999999})"), "u1",
           "client");
        ok("valid unicode userId",
           makeToken(StdHeader, claimsJson(QStringLiteral("J\u00fcrgen-\u4e2d"), "client", Now, Now + 5)),
           "J\xc3\xbcrgen-\xe4\xb8\xad", "client");

        bad("expired", makeToken(StdHeader, claimsJson("u1", "client", Now - 100, Now - 1)), JwtError::Expired);
        bad("expires exactly now", makeToken(StdHeader, claimsJson("u1", "client", Now - 100, Now)), JwtError::Expired);
        bad("nbf in the future",
            makeToken(StdHeader, R"({"userId":"u1","role":"client","iat":1,"exp":1800003600,"nbf":1800000100})"),
            JwtError::NotYetValid);
        bad("bad signature (other secret)", makeToken(StdHeader, GoodPayload, "another-secret"),
            JwtError::BadSignature);
        {
            // A valid signature moved onto another payload.
            const QStringList good = makeToken(StdHeader, GoodPayload).split(QLatin1Char('.'));
            const QString forged
                = good[0] + QLatin1Char('.')
                  + QString::fromLatin1(base64UrlEncode(claimsJson("u1", "admin", Now - 10, Now + 3600)))
                  + QLatin1Char('.') + good[2];
            bad("bad signature (payload swapped)", forged, JwtError::BadSignature);
            bad("bad signature (empty)", good[0] + QLatin1Char('.') + good[1] + QLatin1Char('.'),
                JwtError::BadSignature);
        }
        bad("alg none",
            QString::fromLatin1(base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + '.' + base64UrlEncode(GoodPayload)
                                + '.'),
            JwtError::BadAlgorithm);
        bad("alg none, signed", makeToken(R"({"alg":"none"})", GoodPayload), JwtError::BadAlgorithm);
        bad("alg HS512", makeToken(R"({"alg":"HS512","typ":"JWT"})", GoodPayload), JwtError::BadAlgorithm);
        bad("alg RS256", makeToken(R"({"alg":"RS256"})", GoodPayload), JwtError::BadAlgorithm);
        bad("alg 'HS256 '", makeToken(R"({"alg":"HS256 "})", GoodPayload), JwtError::BadAlgorithm);
        bad("alg hs256", makeToken(R"({"alg":"hs256"})", GoodPayload), JwtError::BadAlgorithm);
        bad("alg missing", makeToken(R"({"typ":"JWT"})", GoodPayload), JwtError::BadAlgorithm);
        bad("alg not a string", makeToken(R"({"alg":256})", GoodPayload), JwtError::BadAlgorithm);
        bad("alg null", makeToken(R"({"alg":null})", GoodPayload), JwtError::BadAlgorithm);

        const QString good = makeToken(StdHeader, GoodPayload);
        bad("empty", QString(), JwtError::Malformed);
        bad("2 parts", good.section(QLatin1Char('.'), 0, 1), JwtError::Malformed);
        bad("4 parts", good + QStringLiteral(".AAAA"), JwtError::Malformed);
        bad("1 part", QStringLiteral("abc"), JwtError::Malformed);
        bad("only dots", QStringLiteral(".."), JwtError::Malformed);
        bad("bad base64 in header", QStringLiteral("eyJ+bGc.") + good.section(QLatin1Char('.'), 1),
            JwtError::Malformed);
        {
            // Correctly signed, but the header keeps its '=' padding (28 bytes of JSON).
            const QByteArray paddedHeader
                = QByteArray(R"({"alg":"HS256", "typ":"JWT"})").toBase64(QByteArray::Base64UrlEncoding);
            QVERIFY(paddedHeader.endsWith('='));
            const QByteArray input = paddedHeader + '.' + base64UrlEncode(GoodPayload);
            bad("padded base64", QString::fromLatin1(input + '.' + base64UrlEncode(hs256(Secret, input))),
                JwtError::Malformed);
        }
        bad("bad base64 in signature", good.section(QLatin1Char('.'), 0, 1) + QStringLiteral(".@@@@"),
            JwtError::Malformed);
        bad("surrounding space", QLatin1Char(' ') + good, JwtError::Malformed);
        bad("non-ASCII", good + QStringLiteral("\u00e9"), JwtError::Malformed);
        bad("too long",
            makeToken(StdHeader,
                      R"({"userId":")" + QByteArray(9000, 'x') + R"(","role":"client","iat":1,"exp":1900000000})"),
            JwtError::Malformed);
        bad("header not JSON", makeToken("alg=HS256", GoodPayload), JwtError::Malformed);
        bad("header an array", makeToken(R"(["HS256"])", GoodPayload), JwtError::Malformed);
        bad("payload an array", makeToken(StdHeader, "[1,2,3]"), JwtError::Malformed);
        bad("payload a string", makeToken(StdHeader, R"("u1")"), JwtError::Malformed);
        bad("payload not JSON", makeToken(StdHeader, "{userId:u1}"), JwtError::Malformed);
        bad("missing userId", makeToken(StdHeader, R"({"role":"client","iat":1,"exp":1900000000})"),
            JwtError::MissingClaim);
        bad("missing role", makeToken(StdHeader, R"({"userId":"u1","iat":1,"exp":1900000000})"),
            JwtError::MissingClaim);
        bad("missing iat", makeToken(StdHeader, R"({"userId":"u1","role":"client","exp":1900000000})"),
            JwtError::MissingClaim);
        bad("missing exp", makeToken(StdHeader, R"({"userId":"u1","role":"client","iat":1})"), JwtError::MissingClaim);
        bad("null exp", makeToken(StdHeader, R"({"userId":"u1","role":"client","iat":1,"exp":null})"),
            JwtError::MissingClaim);
        bad("wrong role type", makeToken(StdHeader, R"({"userId":"u1","role":1,"iat":1,"exp":1900000000})"),
            JwtError::InvalidClaim);
        bad("unknown role", makeToken(StdHeader, claimsJson("u1", "superuser", 1, 1900000000)), JwtError::InvalidClaim);
        bad("role with different case", makeToken(StdHeader, claimsJson("u1", "Admin", 1, 1900000000)),
            JwtError::InvalidClaim);
        bad("empty userId", makeToken(StdHeader, claimsJson("", "client", 1, 1900000000)), JwtError::InvalidClaim);
        bad("numeric userId", makeToken(StdHeader, R"({"userId":7,"role":"client","iat":1,"exp":1900000000})"),
            JwtError::InvalidClaim);
        bad("exp a string", makeToken(StdHeader, R"({"userId":"u1","role":"client","iat":1,"exp":"1900000000"})"),
            JwtError::InvalidClaim);
        bad("iat a string", makeToken(StdHeader, R"({"userId":"u1","role":"client","iat":"1","exp":1900000000})"),
            JwtError::InvalidClaim);
        bad("exp absurdly large", makeToken(StdHeader, R"({"userId":"u1","role":"client","iat":1,"exp":1e300})"),
            JwtError::InvalidClaim);
        bad("nbf a string",
            makeToken(StdHeader, R"({"userId":"u1","role":"client","iat":1,"exp":1900000000,"nbf":"x"})"),
            JwtError::InvalidClaim);
    }

    void verify()
    {
        QFETCH(QString, token);
        QFETCH(bool, valid);
        QFETCH(JwtError, error);
        QFETCH(QString, userId);
        QFETCH(QString, role);

        const JwtCodec codec(Secret);
        const JwtVerifyResult result = codec.verify(token, Now);
        QCOMPARE(result.ok(), valid);
        if (valid) {
            QCOMPARE(result.value().userId, userId);
            QCOMPARE(result.value().role, role);
        } else {
            QCOMPARE(jwtErrorName(result.error()), jwtErrorName(error));
        }
    }

    void signProducesStandardHeaderAndClaims()
    {
        const JwtCodec codec(Secret);
        const QString token = codec.sign(JwtClaims{QStringLiteral("u-7"), RoleCraftsman, Now, Now + 99});
        const QStringList parts = token.split(QLatin1Char('.'));
        QCOMPARE(parts.size(), 3);
        const auto header = QJsonDocument::fromJson(*base64UrlDecode(parts[0].toLatin1())).object();
        QCOMPARE(header, (QJsonObject{{QStringLiteral("alg"), QStringLiteral("HS256")},
                                      {QStringLiteral("typ"), QStringLiteral("JWT")}}));
        const auto payload = QJsonDocument::fromJson(*base64UrlDecode(parts[1].toLatin1())).object();
        QCOMPARE(payload.value(QStringLiteral("userId")).toString(), QStringLiteral("u-7"));
        QCOMPARE(payload.value(QStringLiteral("role")).toString(), QStringLiteral("craftsman"));
        QCOMPARE(payload.value(QStringLiteral("iat")).toInteger(), Now);
        QCOMPARE(payload.value(QStringLiteral("exp")).toInteger(), Now + 99);
        QCOMPARE(payload.size(), 4);
        // The signature is HMAC-SHA-256 of "header.payload" with the secret's bytes.
        QCOMPARE(parts[2].toLatin1(),
                 base64UrlEncode(hs256(Secret, (parts[0] + QLatin1Char('.') + parts[1]).toLatin1())));
    }

    void signThenVerifyRoundTrip()
    {
        const JwtCodec codec(Secret, 12h);
        const qint64 before = JwtCodec::currentTime();
        const QString token = codec.sign(QStringLiteral("user-1"), RoleAdmin);
        const qint64 after = JwtCodec::currentTime();
        const JwtVerifyResult result = codec.verify(token);
        QVERIFY(result.ok());
        QCOMPARE(result.value().userId, QStringLiteral("user-1"));
        QCOMPARE(result.value().role, QStringLiteral("admin"));
        QVERIFY(result.value().issuedAt >= before && result.value().issuedAt <= after);
        QCOMPARE(result.value().expiresAt - result.value().issuedAt, qint64(12 * 3600));
    }

    void defaultLifetimeIsTwelveHours()
    {
        const JwtCodec codec(Secret);
        QCOMPARE(codec.lifetime(), std::chrono::seconds(12 * 3600));
        const JwtVerifyResult result = codec.verify(codec.sign(QStringLiteral("u"), RoleClient));
        QVERIFY(result.ok());
        QCOMPARE(result.value().expiresAt - result.value().issuedAt, qint64(12 * 3600));
    }

    // tv and jti: signed tokens carry a random jti and the version; tokens without them (the
    // contract's jsonwebtoken tokens) verify with version 0 and no id.
    void tokenVersionAndIdRoundTrip()
    {
        const JwtCodec codec(Secret);
        const JwtVerifyResult a = codec.verify(codec.sign(QStringLiteral("u"), RoleClient, 3));
        const JwtVerifyResult b = codec.verify(codec.sign(QStringLiteral("u"), RoleClient, 3));
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a.value().tokenVersion, 3);
        QCOMPARE(a.value().tokenId.size(), 32);
        QVERIFY(a.value().tokenId != b.value().tokenId);
        QCOMPARE(a.value().revocationKey(), QStringLiteral("jti:") + a.value().tokenId);

        const JwtVerifyResult plain
            = codec.verify(codec.sign(JwtClaims{QStringLiteral("u"), RoleClient, Now, Now + 99}), Now);
        QVERIFY(plain.ok());
        QCOMPARE(plain.value().tokenVersion, 0);
        QVERIFY(plain.value().tokenId.isEmpty());
        QCOMPARE(plain.value().revocationKey(), QStringLiteral("iat:%1").arg(Now));
    }

    void badTokenVersionIsRefused_data()
    {
        QTest::addColumn<QJsonValue>("tv");
        QTest::newRow("negative") << QJsonValue(-1);
        QTest::newRow("fraction") << QJsonValue(1.5);
        QTest::newRow("string") << QJsonValue(QStringLiteral("1"));
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    }
    void badTokenVersionIsRefused()
    {
        QFETCH(QJsonValue, tv);
        const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("HS256")}};
        const QJsonObject payload{{QStringLiteral("userId"), QStringLiteral("u")},
                                  {QStringLiteral("role"), QStringLiteral("client")},
                                  {QStringLiteral("iat"), double(Now)},
                                  {QStringLiteral("exp"), double(Now + 99)},
                                  {QStringLiteral("tv"), tv}};
        const QByteArray input = base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
                                 + base64UrlEncode(QJsonDocument(payload).toJson(QJsonDocument::Compact));
        const QString token = QString::fromLatin1(input + '.' + base64UrlEncode(hs256(Secret, input)));
        QCOMPARE(JwtCodec(Secret).verify(token, Now).error(), JwtError::InvalidClaim);
    }

    void otherSecretRefusesToken()
    {
        const QString token = JwtCodec(Secret).sign(QStringLiteral("u"), RoleClient);
        const JwtVerifyResult result = JwtCodec("different").verify(token);
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), JwtError::BadSignature);
    }

    void leewayAcceptsRecentlyExpiredToken()
    {
        JwtCodec codec(Secret);
        const QString token = codec.sign(JwtClaims{QStringLiteral("u"), RoleClient, Now - 100, Now - 5});
        QCOMPARE(codec.verify(token, Now).error(), JwtError::Expired);
        codec.setLeeway(10s);
        QVERIFY(codec.verify(token, Now).ok());
        QCOMPARE(codec.verify(token, Now + 5).error(), JwtError::Expired);
    }

    void base64UrlIsStrict_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("decoded");
        QTest::newRow("empty") << QByteArray() << true << QByteArray();
        QTest::newRow("one byte") << QByteArray("QQ") << true << QByteArray("A");
        QTest::newRow("url alphabet") << QByteArray("-_8") << true << QByteArray("\xfb\xff", 2);
        QTest::newRow("non-canonical") << QByteArray("QR") << false << QByteArray();
        QTest::newRow("padding") << QByteArray("QQ==") << false << QByteArray();
        QTest::newRow("standard alphabet") << QByteArray("+/8") << false << QByteArray();
        QTest::newRow("impossible length") << QByteArray("QUFBQ") << false << QByteArray();
        QTest::newRow("whitespace") << QByteArray("QU FB") << false << QByteArray();
    }

    void base64UrlIsStrict()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(QByteArray, decoded);
        const auto result = base64UrlDecode(text);
        QCOMPARE(result.has_value(), valid);
        if (valid)
            QCOMPARE(*result, decoded);
    }
};

QTEST_MAIN(TestJwtCodec)
#include "tst_jwtcodec.moc"
