#include "server/http/tlsbridge.h"

#include "server/logging/logcategories.h"

#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace craftchat::http {

using logging::lcHttp;

namespace {

// Bytes moved per step in either direction (one TLS record's worth).
constexpr qsizetype kChunk = 16 * 1024;

QString peerOf(int fd)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (fd < 0 || ::getpeername(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return QStringLiteral("?");
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address)).toString();
}

// Everything readable on fd now (non-blocking), appended to out.
void drain(int fd, QByteArray &out)
{
    char buffer[kChunk];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
            out.append(buffer, qsizetype(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return;
    }
}

} // namespace

TlsBridge::TlsBridge(int fd, int pairEnd, TlsSession session, int closeTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_pair(pairEnd)
    , m_session(std::move(session))
    , m_closeTimeoutMs(closeTimeoutMs)
{
    pump();
}

TlsBridge::~TlsBridge()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (m_pair >= 0)
        ::close(m_pair);
}

void TlsBridge::setNotifier(QSocketNotifier *&notifier, int fd, int type, bool on)
{
    if (!notifier) {
        if (!on)
            return;
        notifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Type(type), this);
        connect(notifier, &QSocketNotifier::activated, this, &TlsBridge::pump);
        return;
    }
    notifier->setEnabled(on);
}

void TlsBridge::pump()
{
    if (m_finished || m_pumping)
        return;
    m_pumping = true;
    m_want = 0;
    if (!m_open) {
        switch (m_session.handshake()) {
        case TlsSession::Status::Done:
            m_open = true;
            emit established();
            if (m_finished)
                return;
            break;
        case TlsSession::Status::WantRead:
            m_want |= TlsRead;
            break;
        case TlsSession::Status::WantWrite:
            m_want |= TlsWrite;
            break;
        case TlsSession::Status::Closed:
        case TlsSession::Status::Failed:
            qCDebug(lcHttp).noquote() << "TLS handshake with" << peerOf(m_fd) << "failed:" << TlsSession::takeErrors();
            m_pumping = false;
            finish();
            return;
        }
    }
    if (!m_open) {
        // The HTTP side may give up first (deadline, connection cap): then nothing is owed.
        char probe = 0;
        const ssize_t n = ::recv(m_pair, &probe, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            m_pumping = false;
            finish();
            return;
        }
        m_want |= PairRead;
    } else if (!pumpToPair() || !pumpFromPair()) {
        m_pumping = false;
        return; // finished
    }
    m_pumping = false;
    if (m_closeSent && m_tlsEnded) {
        finish();
        return;
    }
    setNotifier(m_tlsRead, m_fd, QSocketNotifier::Read, m_want & TlsRead);
    setNotifier(m_tlsWrite, m_fd, QSocketNotifier::Write, m_want & TlsWrite);
    setNotifier(m_pairRead, m_pair, QSocketNotifier::Read, m_want & PairRead);
    setNotifier(m_pairWrite, m_pair, QSocketNotifier::Write, m_want & PairWrite);
}

bool TlsBridge::pumpToPair()
{
    for (;;) {
        if (!m_toPair.isEmpty()) {
            if (m_httpGone) {
                m_toPair.clear();
                continue;
            }
            const ssize_t n
                = ::send(m_pair, m_toPair.constData(), size_t(m_toPair.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                m_toPair.remove(0, qsizetype(n));
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                m_want |= PairWrite; // the HTTP side reads on when it can
                return true;
            } else if (!(n < 0 && errno == EINTR)) {
                m_httpGone = true; // closed: what the client still sends is dropped
            }
            continue;
        }
        if (m_tlsEnded) {
            if (!m_pairShut) {
                m_pairShut = true;
                ::shutdown(m_pair, SHUT_WR); // the HTTP side sees the client's end
            }
            return true;
        }
        char buffer[kChunk];
        const TlsSession::Step step = m_session.read(buffer, sizeof buffer);
        switch (step.status) {
        case TlsSession::Status::Done:
            m_toPair.append(buffer, qsizetype(step.bytes));
            break;
        case TlsSession::Status::WantRead:
            m_want |= TlsRead;
            return true;
        case TlsSession::Status::WantWrite:
            m_want |= TlsWrite;
            return true;
        case TlsSession::Status::Closed:
        case TlsSession::Status::Failed:
            m_tlsEnded = true;
            break;
        }
    }
}

bool TlsBridge::pumpFromPair()
{
    for (;;) {
        if (!m_toTls.isEmpty()) {
            const TlsSession::Step step = m_session.write(m_toTls.constData(), m_toTls.size());
            switch (step.status) {
            case TlsSession::Status::Done:
                m_toTls.remove(0, qsizetype(step.bytes));
                continue;
            case TlsSession::Status::WantWrite:
                m_want |= TlsWrite;
                return true;
            case TlsSession::Status::WantRead:
                m_want |= TlsRead;
                return true;
            case TlsSession::Status::Closed:
            case TlsSession::Status::Failed:
                finish(); // the client is gone: so is the HTTP side's connection
                return false;
            }
        }
        if (m_pairEnded) {
            if (!m_closeSent) {
                // The HTTP side is done writing: close_notify and FIN, then the client's end
                // is awaited (what it still sends is read and dropped) for a while.
                m_closeSent = true;
                m_session.shutdown();
                ::shutdown(m_fd, SHUT_WR);
                if (!m_closeTimer) {
                    m_closeTimer = new QTimer(this);
                    m_closeTimer->setSingleShot(true);
                    connect(m_closeTimer, &QTimer::timeout, this, &TlsBridge::finish);
                }
                m_closeTimer->start(m_closeTimeoutMs);
            }
            return true;
        }
        char buffer[kChunk];
        const ssize_t n = ::recv(m_pair, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
            m_toTls = QByteArray(buffer, qsizetype(n));
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_want |= PairRead;
            return true;
        } else if (!(n < 0 && errno == EINTR)) {
            m_pairEnded = true;
        }
    }
}

TlsBridge::Handover TlsBridge::handOver(int httpEnd)
{
    Handover handover;
    // Output: what the bridge holds, then what the HTTP side wrote into the pair.
    handover.output = std::exchange(m_toTls, {});
    if (m_pair >= 0)
        drain(m_pair, handover.output);
    // Input: what is in the pair for the HTTP side, then what the bridge holds for it.
    if (httpEnd >= 0)
        drain(httpEnd, handover.input);
    handover.input += std::exchange(m_toPair, {});
    handover.fd = std::exchange(m_fd, -1);
    handover.session = std::move(m_session);
    finish();
    return handover;
}

void TlsBridge::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    // Disabled, not deleted: this may run inside one of their activations.
    for (QSocketNotifier *notifier : {m_tlsRead, m_tlsWrite, m_pairRead, m_pairWrite}) {
        if (notifier)
            notifier->setEnabled(false);
    }
    if (m_closeTimer)
        m_closeTimer->stop();
    m_session = TlsSession();
    if (m_fd >= 0)
        ::close(std::exchange(m_fd, -1));
    if (m_pair >= 0)
        ::close(std::exchange(m_pair, -1));
    deleteLater();
}

TlsBridgeSocket::TlsBridgeSocket(TlsBridge *bridge, QObject *parent)
    : QTcpSocket(parent)
    , m_bridge(bridge)
{}

bool TlsBridgeSocket::adopt(int pairEnd, const QHostAddress &peer, quint16 port)
{
    if (!setSocketDescriptor(pairEnd))
        return false;
    // The address HttpConnection reports (logs, caps, X-Forwarded-For trust) is the client's.
    setPeerAddress(peer);
    setPeerPort(port);
    return true;
}

} // namespace craftchat::http
