// Unit tests of the API's pure parts: image recognition by magic bytes, strict JSON bodies,
// the Bearer header parser, search words and snippets.
#include "server/api/apiauth.h"
#include "server/api/jsonbody.h"
#include "server/api/searchsnippet.h"
#include "server/api/uploadfile.h"

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
};

QTEST_MAIN(TestApiUnits)
#include "tst_apiunits.moc"
