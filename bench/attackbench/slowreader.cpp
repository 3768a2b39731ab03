#include "bench/attackbench/slowreader.h"

#include <QTimer>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace craftchat::bench {

namespace {
constexpr qint64 ReadBufferBytes = 256;
constexpr int KernelReceiveBufferBytes = 4096;
constexpr int KernelCheckIntervalMs = 500;
} // namespace

SlowReader::SlowReader(int connections, const AttackTarget &target, QObject *parent)
    : TcpAttack(QStringLiteral("slow-reader"), connections, target, parent)
    , m_check(new QTimer(this))
{
    m_check->setInterval(KernelCheckIntervalMs);
    connect(m_check, &QTimer::timeout, this, &SlowReader::checkKernelState);
}

void SlowReader::start()
{
    TcpAttack::start();
    m_check->start();
}

void SlowReader::configure(QTcpSocket *socket)
{
    socket->setReadBufferSize(ReadBufferBytes);
    socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, KernelReceiveBufferBytes);
}

void SlowReader::connected(Slot &slot)
{
    slot.socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, KernelReceiveBufferBytes);
    slot.socket->write(httpHead("GET", m_target.uploadPath.toLatin1(), m_target, -1));
}

void SlowReader::readyRead(Slot &slot)
{
    // peek only: the read buffer stays full and Qt stops reading from the kernel
    noteStatus(slot, slot.socket->peek(ReadBufferBytes));
}

void SlowReader::checkKernelState()
{
    if (!m_running)
        return;
    for (Slot &slot : connectionSlots()) {
        if (!slot.socket || slot.socket->state() != QAbstractSocket::ConnectedState)
            continue;
        tcp_info info{};
        socklen_t length = sizeof(info);
        if (::getsockopt(int(slot.socket->socketDescriptor()), IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
            continue;
        if (info.tcpi_state != TCP_ESTABLISHED) {
            note(QStringLiteral("closed by server (seen in the kernel)"));
            dropSlot(slot);
        }
    }
}

} // namespace craftchat::bench
