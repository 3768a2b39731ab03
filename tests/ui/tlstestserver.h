// A minimal HTTPS endpoint on loopback for the pinning tests (the server's own TLS is tested
// with craftchat-server elsewhere): a QSslServer that answers each request by method and path
// from a table (JSON bodies, Connection: close), with a certificate made at run time by
// common/tls. setCertificate() swaps the certificate for the connections that follow, on the
// same port: "the same address now presents another certificate".
#pragma once

#include "common/tls/certificatefactory.h"

#include <QHash>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QUrl>

namespace testtls {

inline craftchat::tls::KeyAndCertificate makeCertificate(const QString &name)
{
    craftchat::tls::CertificateRequest request;
    request.commonName = name;
    request.dnsNames = {QStringLiteral("localhost")};
    request.addresses = {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
    const auto made = craftchat::tls::createSelfSigned(request);
    return made ? *made : craftchat::tls::KeyAndCertificate{};
}

inline QSslConfiguration serverConfiguration(const craftchat::tls::KeyAndCertificate &pair)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(pair.certificatePem, QSsl::Pem));
    config.setPrivateKey(QSslKey(pair.keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return config;
}

class HttpsServer : public QObject
{
public:
    explicit HttpsServer(const craftchat::tls::KeyAndCertificate &pair, QObject *parent = nullptr)
        : QObject(parent)
    {
        setCertificate(pair);
        // Answered by every server of the contract.
        answer("GET", "/health", 200, R"({"status":"ok"})");
        QObject::connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (auto *socket = qobject_cast<QSslSocket *>(m_server.nextPendingConnection()))
                serve(socket);
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port())); }
    QSslCertificate certificate() const { return m_certificate; }
    void setCertificate(const craftchat::tls::KeyAndCertificate &pair)
    {
        m_certificate = QSslCertificate(pair.certificatePem, QSsl::Pem);
        m_server.setSslConfiguration(serverConfiguration(pair));
    }
    void answer(const QByteArray &method, const QByteArray &path, int status, const QByteArray &json)
    {
        m_answers.insert(method + ' ' + path, {status, json});
    }
    QList<QByteArray> requests() const { return m_requests; } // "GET /health" ...
    QList<QByteArray> authorizations() const { return m_authorizations; }

private:
    void serve(QSslSocket *socket)
    {
        socket->setParent(this);
        QObject::connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QSslSocket::readyRead, socket, [this, socket] {
            QByteArray &buffer = m_buffers[socket];
            buffer += socket->readAll();
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            qsizetype contentLength = 0;
            QByteArray authorization;
            for (const QByteArray &line : lines) {
                const QByteArray lower = line.trimmed().toLower();
                if (lower.startsWith("content-length:"))
                    contentLength = lower.mid(15).trimmed().toLongLong();
                if (lower.startsWith("authorization:"))
                    authorization = line.trimmed().mid(14).trimmed();
            }
            if (buffer.size() < headerEnd + 4 + contentLength)
                return;
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            const QByteArray key = requestLine.value(0) + ' ' + requestLine.value(1);
            m_requests.append(key);
            m_authorizations.append(authorization);
            m_buffers.remove(socket);
            const auto found = m_answers.constFind(key);
            const int status = found == m_answers.cend() ? 404 : found->first;
            const QByteArray body
                = found == m_answers.cend() ? QByteArray(R"({"message":"not found"})") : found->second;
            socket->write("HTTP/1.1 " + QByteArray::number(status)
                          + " X\r\nContent-Type: application/json\r\n"
                            "Content-Length: "
                          + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    }

    QSslServer m_server;
    QSslCertificate m_certificate;
    QHash<QByteArray, QPair<int, QByteArray>> m_answers;
    QHash<QSslSocket *, QByteArray> m_buffers;
    QList<QByteArray> m_requests;
    QList<QByteArray> m_authorizations;
};

} // namespace testtls
