// Test helper: one HTTP/1.1 request over its own QTcpSocket ("Connection: close" unless the
// caller sets its own Connection header, e.g. for an upgrade request), answered
// asynchronously so that a test can hold a long-poll open while it does something else.
// Everything runs on the test's event loop, like the in-process server.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpSocket>

namespace craftchat::enginetest {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpReply
{
    int status = 0;      // 0: no (complete) response
    Headers headers;     // names lower-cased
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    QJsonObject json() const;
};

class HttpCall : public QObject
{
    Q_OBJECT
public:
    HttpCall(quint16 port, const QByteArray &method, const QByteArray &target,
             const QByteArray &body = {}, const Headers &headers = {}, QObject *parent = nullptr);
    ~HttpCall() override;

    bool isFinished() const { return m_finished; }
    // True when a complete response arrived within the time.
    bool waitForReply(int timeoutMs = 10000);
    const HttpReply &reply() const { return m_reply; }

    // Request and wait in one go; status 0 when nothing (complete) came back.
    static HttpReply run(quint16 port, const QByteArray &method, const QByteArray &target,
                         const QByteArray &body = {}, const Headers &headers = {},
                         int timeoutMs = 10000);

signals:
    void finished();

private:
    void onReadyRead();
    void finish();

    QTcpSocket m_socket;
    QByteArray m_request;
    QByteArray m_buffer;
    HttpReply m_reply;
    bool m_finished = false;
};

} // namespace craftchat::enginetest
