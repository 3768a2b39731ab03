// Unit tests of the HTTP value types.
#include "server/http/httpmessage.h"

#include <QJsonObject>
#include <QTest>

using namespace craftchat::http;

class TstHttpMessage : public QObject
{
    Q_OBJECT

private slots:
    void headerLookupIsCaseInsensitive_data();
    void headerLookupIsCaseInsensitive();
    void setHeaderReplacesExisting();
    void jsonAndErrorResponses();
    void reasonPhrases_data();
    void reasonPhrases();
};

void TstHttpMessage::headerLookupIsCaseInsensitive_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("present");
    QTest::newRow("lower") << QByteArray("content-type") << QByteArray("text/plain") << true;
    QTest::newRow("mixed") << QByteArray("Content-Type") << QByteArray("text/plain") << true;
    QTest::newRow("first of two") << QByteArray("x-dup") << QByteArray("one") << true;
    QTest::newRow("absent") << QByteArray("cookie") << QByteArray() << false;
    QTest::newRow("prefix only") << QByteArray("content") << QByteArray() << false;
}

void TstHttpMessage::headerLookupIsCaseInsensitive()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, present);
    HttpRequest r;
    r.headers = {{"content-type", "text/plain"}, {"x-dup", "one"}, {"x-dup", "two"}};
    QCOMPARE(r.header(name), value);
    QCOMPARE(r.hasHeader(name), present);
}

void TstHttpMessage::setHeaderReplacesExisting()
{
    HttpResponse r = HttpResponse::text(200, "x");
    r.setHeader("content-type", "text/html").setHeader("X-A", "1");
    QCOMPARE(r.headers.size(), 2);
    QCOMPARE(r.headers.at(0).first, QByteArray("Content-Type"));
    QCOMPARE(r.headers.at(0).second, QByteArray("text/html"));
    QCOMPARE(r.headers.at(1), qMakePair(QByteArray("X-A"), QByteArray("1")));
}

void TstHttpMessage::jsonAndErrorResponses()
{
    const HttpResponse j = HttpResponse::json(201, QJsonDocument(QJsonObject{{"a", 1}}));
    QCOMPARE(j.status, 201);
    QCOMPARE(j.body, QByteArray(R"({"a":1})"));
    QCOMPARE(j.headers.value(0).second, QByteArray("application/json; charset=utf-8"));

    const HttpResponse e = HttpResponse::error(413, QStringLiteral("Too big"), QStringLiteral("PAYLOAD_TOO_LARGE"));
    QCOMPARE(e.status, 413);
    QCOMPARE(e.body, QByteArray(R"({"code":"PAYLOAD_TOO_LARGE","message":"Too big"})"));
}

void TstHttpMessage::reasonPhrases_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("phrase");
    QTest::newRow("200") << 200 << QByteArray("OK");
    QTest::newRow("201") << 201 << QByteArray("Created");
    QTest::newRow("404") << 404 << QByteArray("Not Found");
    QTest::newRow("413") << 413 << QByteArray("Payload Too Large");
    QTest::newRow("431") << 431 << QByteArray("Request Header Fields Too Large");
    QTest::newRow("unknown 4xx") << 499 << QByteArray("Client Error");
    QTest::newRow("unknown 5xx") << 599 << QByteArray("Server Error");
}

void TstHttpMessage::reasonPhrases()
{
    QFETCH(int, status);
    QFETCH(QByteArray, phrase);
    QCOMPARE(reasonPhrase(status), phrase);
}

QTEST_MAIN(TstHttpMessage)
#include "tst_httpmessage.moc"
