// Unit tests of the API's pure parts: image recognition by magic bytes, strict JSON bodies,
// the Bearer header parser, search words and snippets, the client address behind trusted
// proxies, invitation codes.
#include "server/api/apiauth.h"
#include "server/api/clientaddress.h"
#include "server/api/invitationcode.h"
#include "server/api/jsonbody.h"
#include "server/api/searchsnippet.h"
#include "server/api/uploadfile.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace craftchat;
using namespace craftchat::api;

class TestApiUnits : public QObject
{
    Q_OBJECT

private slots:
    void searchWords_data()
    {
        QTest::addColumn<QString>("q");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("two words") << "Fliesen  bad" << QStringList{"Fliesen", "bad"};
        QTest::newRow("punctuation separates") << "don't-stop!" << QStringList{"don", "t", "stop"};
        QTest::newRow("fts syntax is text") << "\"a\" OR b* NEAR(c)" << QStringList{"a", "OR", "b", "NEAR", "c"};
        QTest::newRow("diacritics kept") << "Café" << QStringList{"Café"};
        QTest::newRow("combining mark kept")
            << QStringLiteral("Cafe\u0301") << QStringList{QStringLiteral("Cafe\u0301")};
        QTest::newRow("arabic") << QString::fromUtf8("فاتورة البلاط")
                                << QStringList{QString::fromUtf8("فاتورة"), QString::fromUtf8("البلاط")};
        QTest::newRow("only punctuation") << "?! ..." << QStringList{};
        QTest::newRow("at most 16") << QStringLiteral("w ").repeated(20) << QStringList(16, QStringLiteral("w"));
        QTest::newRow("long word cut") << QString(150, QLatin1Char('x')) << QStringList{QString(100, QLatin1Char('x'))};
    }

    void searchWords()
    {
        QFETCH(QString, q);
        QFETCH(QStringList, words);
        QCOMPARE(api::searchWords(q), words);
    }

    void snippet_data()
    {
        const QString s{QChar(SnippetMarkStart)};
        const QString e{QChar(SnippetMarkEnd)};
        QTest::addColumn<QString>("marked");
        QTest::addColumn<QString>("snippet");
        QTest::newRow("short: whole") << "Die " + s + "Fliesen" + e + " kommen"
                                      << "Die " + s + "Fliesen" + e + " kommen";
        const QString before = QStringLiteral("aaaa ").repeated(40); // 200 characters
        const QString after = QStringLiteral("bbbb ").repeated(40);
        // The window starts at a space at most a third of the length before the match.
        QTest::newRow("long: around the first match")
            << before + s + "Treffer" + e + " " + after
            << QStringLiteral("\u2026") + QStringLiteral("aaaa ").repeated(10) + s + "Treffer" + e + " "
                   + QStringLiteral("bbbb ").repeated(19) + "bbbb" + QStringLiteral("\u2026");
        QTest::newRow("match at the start")
            << s + "Anfang" + e + " " + after
            << s + "Anfang" + e + " " + QStringLiteral("bbbb ").repeated(29) + "bbbb" + QStringLiteral("\u2026");
        const QString longMatch(170, QLatin1Char('x'));
        QTest::newRow("mark closed at the cut")
            << s + longMatch + e << s + longMatch.left(159) + e + QStringLiteral("\u2026");
    }

    void snippet()
    {
        QFETCH(QString, marked);
        QFETCH(QString, snippet);
        QCOMPARE(makeSnippet(marked), snippet);
    }

    void sniff_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("kind");
        QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\nrest", 12) << int(UploadKind::Png);
        QTest::newRow("jpeg") << QByteArray("\xFF\xD8\xFF\xDB", 4) << int(UploadKind::Jpeg);
        QTest::newRow("webp") << QByteArray("RIFF\0\0\0\0WEBPVP8L", 16) << int(UploadKind::Webp);
        QTest::newRow("riff but wave") << QByteArray("RIFF\0\0\0\0WAVEfmt ", 16) << int(UploadKind::Other);
        QTest::newRow("two jpeg bytes") << QByteArray("\xFF\xD8", 2) << int(UploadKind::Other);
        QTest::newRow("gif") << QByteArray("GIF89a") << int(UploadKind::Gif);
        QTest::newRow("pdf") << QByteArray("%PDF-1.7\n") << int(UploadKind::Pdf);
        QTest::newRow("html") << QByteArray("<html><script>") << int(UploadKind::Other);
        QTest::newRow("empty") << QByteArray() << int(UploadKind::Other);
    }

    void sniff()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, kind);
        QCOMPARE(int(sniffUpload(bytes)), kind);
    }

    void jsonBody_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("object") << QByteArray(R"({"a":1})") << 0;
        QTest::newRow("malformed") << QByteArray(R"({"a":)") << 400;
        QTest::newRow("array") << QByteArray("[]") << 400;
        QTest::newRow("whitespace") << QByteArray("  \n") << 400;
        QTest::newRow("too large") << QByteArray(MaxJsonBodyBytes + 1, ' ') << 413;
    }

    void jsonBody()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        http::HttpRequest request;
        request.body = body;
        BodyError error;
        const auto object = parseJsonObject(request, error);
        QCOMPARE(object.has_value(), status == 0);
        if (status)
            QCOMPARE(error.status, status);
    }

    void fieldReaderTypes()
    {
        const QJsonObject o{{QStringLiteral("s"), QStringLiteral("x")},
                            {QStringLiteral("n"), 1},
                            {QStringLiteral("e"), QString()},
                            {QStringLiteral("z"), QJsonValue::Null}};
        FieldReader ok(o);
        QCOMPARE(ok.requiredString(QStringLiteral("s")), QStringLiteral("x"));
        QCOMPARE(ok.optionalString(QStringLiteral("z")), std::nullopt);
        QCOMPARE(ok.optionalString(QStringLiteral("absent")), std::nullopt);
        QCOMPARE(ok.optionalString(QStringLiteral("e")), std::optional<QString>(QString()));
        QVERIFY(ok.ok());
        FieldReader wrongType(o);
        wrongType.requiredString(QStringLiteral("n"));
        QCOMPARE(wrongType.error(), QStringLiteral("n must be a string"));
        FieldReader empty(o);
        empty.requiredString(QStringLiteral("e"));
        QVERIFY(!empty.ok());
        FieldReader emptyOptional(o);
        emptyOptional.optionalString(QStringLiteral("e"), true);
        QVERIFY(!emptyOptional.ok());
    }

    void bearer_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("token");
        QTest::newRow("bearer") << QByteArray("Bearer abc.def.ghi") << "abc.def.ghi";
        QTest::newRow("lower-case scheme") << QByteArray("bearer abc") << "abc";
        QTest::newRow("extra spaces") << QByteArray("Bearer   abc  ") << "abc";
        QTest::newRow("basic") << QByteArray("Basic abc") << "";
        QTest::newRow("no token") << QByteArray("Bearer") << "";
        QTest::newRow("two tokens") << QByteArray("Bearer a b") << "";
        QTest::newRow("absent") << QByteArray() << "";
    }

    void bearer()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, token);
        http::HttpRequest request;
        if (!header.isEmpty())
            request.headers.append({"authorization", header});
        QCOMPARE(bearerToken(request), token);
    }

    void clientAddress_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QByteArrayList>("forwarded"); // one X-Forwarded-For header each
        QTest::addColumn<QString>("client");
        const auto row = [](const char *name, const char *peer, const QByteArrayList &xff, const char *client) {
            QTest::newRow(name) << QString::fromLatin1(peer) << xff << QString::fromLatin1(client);
        };
        row("untrusted peer: header ignored", "192.0.2.1", {"203.0.113.5"}, "192.0.2.1");
        row("trusted peer, no header", "10.0.0.2", {}, "10.0.0.2");
        row("trusted peer", "10.0.0.2", {"203.0.113.5"}, "203.0.113.5");
        row("right-most untrusted", "10.0.0.2", {"198.51.100.1, 203.0.113.5"}, "203.0.113.5");
        row("trusted hops skipped", "10.0.0.2", {"203.0.113.5, 10.9.9.9,10.0.0.3"}, "203.0.113.5");
        row("two headers form one list", "10.0.0.2", {"203.0.113.5", "203.0.113.6, 10.0.0.9"}, "203.0.113.6");
        row("v4 with port", "10.0.0.2", {"203.0.113.5:4711"}, "203.0.113.5");
        row("v6 in brackets with port", "10.0.0.2", {"[2001:db8::1]:443"}, "2001:db8::1");
        row("v6 plain", "10.0.0.2", {"2001:db8::2"}, "2001:db8::2");
        row("v4-mapped v6 peer", "::ffff:10.0.0.2", {"203.0.113.5"}, "203.0.113.5");
        row("v4-mapped entry", "10.0.0.2", {"::ffff:203.0.113.7"}, "203.0.113.7");
        row("garbage: peer", "10.0.0.2", {"unknown"}, "10.0.0.2");
        row("empty entry: peer", "10.0.0.2", {"203.0.113.5,"}, "10.0.0.2");
        row("host name: peer", "10.0.0.2", {"evil.example"}, "10.0.0.2");
        row("short v4: peer", "10.0.0.2", {"203.5"}, "10.0.0.2");
        row("decimal v4: peer", "10.0.0.2", {"3405803781"}, "10.0.0.2");
        row("zone id: peer", "10.0.0.2", {"fe80::1%eth0"}, "10.0.0.2");
        row("all trusted: peer", "10.0.0.2", {"10.0.0.5, 10.0.0.6"}, "10.0.0.2");
        row("garbage left of the client is not read", "10.0.0.2", {"<script>, 203.0.113.5"}, "203.0.113.5");
        QByteArray chain("203.0.113.5");
        for (int i = 0; i < 40; ++i)
            chain += ", 10.0.0.1";
        row("chain too long: peer", "10.0.0.2", {chain}, "10.0.0.2");
    }

    void clientAddress()
    {
        QFETCH(QString, peer);
        QFETCH(QByteArrayList, forwarded);
        QFETCH(QString, client);
        const TrustedProxies proxies({QStringLiteral("10.0.0.0/8"), QStringLiteral("::1")});
        http::HttpRequest request;
        request.peerAddress = QHostAddress(peer);
        for (const QByteArray &value : forwarded)
            request.headers.append({"x-forwarded-for", value});
        QCOMPARE(proxies.clientAddress(request), QHostAddress(client));
    }

    void invitationCodes()
    {
        const QRegularExpression shape(QStringLiteral("^[A-Z2-7]{26}$"));
        QSet<QString> seen;
        for (int i = 0; i < 200; ++i) {
            const QString code = newInvitationCode();
            QVERIFY2(shape.match(code).hasMatch(), qPrintable(code));
            // 128 bits: the last character carries 3 bits, so it is one of A E I M Q U Y 4.
            QVERIFY2(QStringLiteral("AEIMQUY4").contains(code.back()), qPrintable(code));
            seen.insert(code);
            QCOMPARE(normalisedInvitationCode(code.toLower()), code);
            QCOMPARE(normalisedInvitationCode(code.left(13) + QStringLiteral(" - ") + code.mid(13)), code);
        }
        QCOMPARE(seen.size(), 200);
        QCOMPARE(normalisedInvitationCode(QStringLiteral("ABC")), QString());
        QCOMPARE(normalisedInvitationCode(QString(26, QLatin1Char('1'))), QString()); // 1 is not base32
        QCOMPARE(normalisedInvitationCode(QString(26, QLatin1Char('A')) + QLatin1Char('A')), QString());
    }

    void invitationNeeded()
    {
        QCOMPARE(needsInvitation(RegistrationMode::Open, QStringLiteral("craftsman")), false);
        QCOMPARE(needsInvitation(RegistrationMode::Open, QStringLiteral("client")), false);
        QCOMPARE(needsInvitation(RegistrationMode::Clients, QStringLiteral("client")), false);
        QCOMPARE(needsInvitation(RegistrationMode::Clients, QStringLiteral("craftsman")), true);
        QCOMPARE(needsInvitation(RegistrationMode::Invite, QStringLiteral("client")), true);
        QCOMPARE(needsInvitation(RegistrationMode::Invite, QStringLiteral("craftsman")), true);
    }
};

QTEST_MAIN(TestApiUnits)
#include "tst_apiunits.moc"
