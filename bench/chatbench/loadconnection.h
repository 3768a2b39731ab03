// One benchmark socket: a QWebSocket speaking Engine.IO v4 (websocket transport) and
// Socket.IO v5 itself. It answers pings, sends CONNECT with the token when the open packet
// arrives, and hands every EVENT frame to its listener. No socket.io client object, so a
// connection costs one QWebSocket plus a few fields.
#pragma once

#include <QObject>
#include <QString>
#include <QStringView>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <deque>

namespace craftchat::bench {

class LoadConnection;

class ConnectionListener
{
public:
    virtual ~ConnectionListener() = default;
    // Once per open(): ok after the CONNECT reply, else why (TIMEOUT, CONNECT_ERROR:..., ...).
    virtual void connectionFinished(LoadConnection *connection, bool ok, const QString &why) = 0;
    // The socket closed after it had connected.
    virtual void connectionDropped(LoadConnection *connection, int closeCode) = 0;
    // A Socket.IO EVENT frame ("42[...]") for the main namespace, with its arrival time.
    virtual void eventFrame(LoadConnection *connection, QStringView frame, double arrivedMs) = 0;
    // Anything else worth counting (engine.io close, namespace disconnect, odd packets).
    virtual void otherFrame(LoadConnection *connection, const QString &what) = 0;
};

class LoadConnection : public QObject
{
    Q_OBJECT
public:
    enum class State {
        New,
        Connecting,
        Connected,
        Closed
    };

    LoadConnection(int index, int user, ConnectionListener *listener, QObject *parent = nullptr);

    // connectFrame: the full Socket.IO CONNECT text frame ("40{...}").
    void open(const QUrl &url, const QString &connectFrame, int timeoutMs);
    void sendText(const QString &frame);
    void close();

    int index() const { return m_index; }
    int user() const { return m_user; }
    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    double startedMs() const { return m_startedMs; }
    double wsOpenMs() const { return m_wsOpenMs; }
    double connectedMs() const { return m_connectedMs; }
    qint64 framesOut() const { return m_framesOut; }

    // Sequence numbers sent on this socket and not yet answered, oldest first; used to match
    // answers that do not echo clientMessageId.
    std::deque<qint64> &pending() { return m_pending; }

private:
    void onTextFrame(const QString &frame);
    void onClosed();
    void finishConnect(bool ok, const QString &why);
    void handleNonEvent(const QString &frame, double now);

    QWebSocket m_socket;
    QTimer m_connectTimer;
    ConnectionListener *m_listener;
    QString m_connectFrame;
    std::deque<qint64> m_pending;
    qint64 m_framesOut = 0;
    double m_startedMs = 0;
    double m_wsOpenMs = 0;
    double m_connectedMs = 0;
    int m_index;
    int m_user;
    State m_state = State::New;
    bool m_connectReported = false;
};

} // namespace craftchat::bench
