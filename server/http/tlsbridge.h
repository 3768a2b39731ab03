// The HTTP phase of a TLS connection. HttpConnection works on a QTcpSocket; in TLS mode that
// socket is one end of a socketpair (TlsBridgeSocket, which reports the TCP peer's address and
// port) and a TlsBridge pumps between the other end and the TLS session on the TCP descriptor:
// it makes the server handshake, decrypts what the client sends into the pair and encrypts
// what the HttpConnection writes. Only one buffer's worth is read from either side before the
// other has taken it, so the HttpConnection's output bounds and TCP flow control work as on
// plain TCP. A failed handshake (plain HTTP on the TLS port, an old protocol) or the end of
// the TLS stream closes the pair, which the HttpConnection sees as the peer going away; the
// end of the pair (the HttpConnection closed or half-closed) sends close_notify and FIN after
// the output, then the bridge waits for the peer's end at most closeTimeoutMs.
//
// At a WebSocket upgrade handOver() gives the TCP descriptor and the session away, with the
// plaintext not yet taken on each side, in order; the bridge then goes. Internal to the http
// library; made by TcpListener.
#pragma once

#include "server/http/tlssession.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

class QSocketNotifier;
class QTimer;

namespace craftchat::http {

class TlsBridge : public QObject
{
    Q_OBJECT
public:
    // Takes fd (the TCP connection) and pairEnd (its end of the socketpair).
    TlsBridge(int fd, int pairEnd, TlsSession session, int closeTimeoutMs, QObject *parent);
    ~TlsBridge() override;

    struct Handover
    {
        int fd = -1;
        TlsSession session;
        QByteArray input;  // plaintext from the client that the HTTP side did not read
        QByteArray output; // plaintext for the client that is not encrypted yet
    };
    // httpEnd: the HTTP side's descriptor of the pair, whose unread input is taken too (its
    // QTcpSocket's own buffer is the caller's). The bridge deletes itself afterwards.
    Handover handOver(int httpEnd);

signals:
    void established(); // the handshake is done

private:
    enum Want : quint8 {
        TlsRead = 1,
        TlsWrite = 2,
        PairRead = 4,
        PairWrite = 8
    };
    void pump();
    bool pumpToPair();   // false: the bridge finished
    bool pumpFromPair(); // false: the bridge finished
    void setNotifier(QSocketNotifier *&notifier, int fd, int type, bool on);
    void finish();

    int m_fd;
    int m_pair;
    TlsSession m_session;
    QByteArray m_toPair; // decrypted, not yet taken by the pair
    QByteArray m_toTls;  // from the pair, not yet taken by the session
    QSocketNotifier *m_tlsRead = nullptr;
    QSocketNotifier *m_tlsWrite = nullptr;
    QSocketNotifier *m_pairRead = nullptr;
    QSocketNotifier *m_pairWrite = nullptr;
    QTimer *m_closeTimer = nullptr;
    int m_closeTimeoutMs;
    quint8 m_want = 0;
    bool m_open = false;      // handshake done
    bool m_tlsEnded = false;  // the client's stream ended (or failed)
    bool m_pairEnded = false; // the HTTP side ended its output
    bool m_pairShut = false;  // the HTTP side was told the end
    bool m_closeSent = false; // close_notify and FIN went to the client
    bool m_httpGone = false;  // the HTTP side closed: input is dropped
    bool m_finished = false;
    bool m_pumping = false;
};

// HttpConnection's socket in TLS mode: the HTTP end of the pair, with the TCP peer's address.
class TlsBridgeSocket final : public QTcpSocket
{
    Q_OBJECT
public:
    TlsBridgeSocket(TlsBridge *bridge, QObject *parent);
    bool adopt(int pairEnd, const QHostAddress &peer, quint16 port);
    TlsBridge *bridge() const { return m_bridge; }

private:
    QPointer<TlsBridge> m_bridge;
};

} // namespace craftchat::http
