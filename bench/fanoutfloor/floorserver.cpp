#include "bench/fanoutfloor/floorserver.h"

#include "bench/common/processclock.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace craftchat::bench::floor {

FloorServer::FloorServer(const FloorOptions &options)
    : m_options(options)
    , m_inBuffer(64 * 1024)
    , m_outFrame(std::size_t(options.outBytes), 'x')
{}

FloorServer::~FloorServer()
{
    for (int fd : m_fds)
        if (fd >= 0)
            close(fd);
    if (m_epollFd >= 0)
        close(m_epollFd);
    if (m_listenFd >= 0)
        close(m_listenFd);
}

bool FloorServer::listen()
{
    m_listenFd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (m_listenFd < 0 || bind(m_listenFd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(m_listenFd, 4096) != 0
        || getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        std::perror("fanoutfloor: listen");
        return false;
    }
    m_port = ntohs(address.sin_port);
    return true;
}

bool FloorServer::acceptAll()
{
    m_epollFd = epoll_create1(EPOLL_CLOEXEC);
    if (m_epollFd < 0)
        return false;
    const int one = 1;
    while (int(m_fds.size()) < m_options.sockets) {
        const int fd = accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            std::perror("fanoutfloor: accept");
            return false;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u32 = std::uint32_t(m_fds.size());
        if (epoll_ctl(m_epollFd, EPOLL_CTL_ADD, fd, &event) != 0)
            return false;
        m_fds.push_back(fd);
    }
    m_partial.assign(m_fds.size(), 0);
    return true;
}

bool FloorServer::serve()
{
    // Opened here, after the fork: the clients' process never holds the connection.
    if (m_options.commit) {
        m_store = std::make_unique<FloorStore>();
        if (!m_store->open(m_options.directory))
            return false;
    }
    if (!acceptAll())
        return false;
    int open = int(m_fds.size());
    std::vector<epoll_event> events(256);
    while (open > 0) {
        const int ready = epoll_wait(m_epollFd, events.data(), int(events.size()), -1);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return false;
        for (int i = 0; i < ready; ++i) {
            const int index = int(events[std::size_t(i)].data.u32);
            if (!readFrom(index)) {
                epoll_ctl(m_epollFd, EPOLL_CTL_DEL, m_fds[std::size_t(index)], nullptr);
                close(m_fds[std::size_t(index)]);
                m_fds[std::size_t(index)] = -1;
                --open;
            }
        }
    }
    return m_messages == m_options.totalMessages();
}

// false when the socket is closed (or broken) and should be dropped.
bool FloorServer::readFrom(int index)
{
    const int fd = m_fds[std::size_t(index)];
    const ssize_t n = recv(fd, m_inBuffer.data(), m_inBuffer.size(), 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
        return false;
    if (n < 0)
        return true;
    int &partial = m_partial[std::size_t(index)];
    partial += int(n);
    while (partial >= m_options.inBytes) {
        partial -= m_options.inBytes;
        if (!handleMessage(index))
            return false;
    }
    return true;
}

bool FloorServer::handleMessage(int senderIndex)
{
    const int perUser = m_options.socketsPerUser;
    const int sender = senderIndex / perUser;
    const int other = (sender + 1) % m_options.users();
    if (m_store && !m_store->commitRow(sender, m_outFrame.data(), std::min(m_options.inBytes, m_options.outBytes)))
        return false;
    for (int user : {sender, other})
        for (int k = 0; k < perUser; ++k) {
            const int fd = m_fds[std::size_t(user * perUser + k)];
            if (fd >= 0 && !writeAll(fd))
                return false;
        }
    ++m_messages;
    if (m_messages == m_options.warmupMessages()) {
        m_cpuAtWarmup = cpuSeconds();
        m_wallAtWarmup = wallSeconds();
    }
    if (m_messages == m_options.totalMessages()) {
        m_cpuAtEnd = cpuSeconds();
        m_wallAtEnd = wallSeconds();
    }
    return true;
}

// One send call when the socket's buffer has room (the normal case); waits for room otherwise.
bool FloorServer::writeAll(int fd)
{
    std::size_t offset = 0;
    while (offset < m_outFrame.size()) {
        const ssize_t n = send(fd, m_outFrame.data() + offset, m_outFrame.size() - offset, MSG_NOSIGNAL);
        if (n > 0) {
            offset += std::size_t(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            ++m_stalls;
            pollfd waitFor{fd, POLLOUT, 0};
            poll(&waitFor, 1, 1000);
            continue;
        }
        return false;
    }
    return true;
}

void FloorServer::printReport() const
{
    const double messages = double(m_options.totalMessages() - m_options.warmupMessages());
    const double cpu = m_cpuAtEnd - m_cpuAtWarmup;
    const double wall = m_wallAtEnd - m_wallAtWarmup;
    std::printf("null server: %d sockets, %d per user, %d writes of %d bytes per message, %d-byte frames in%s\n",
                m_options.sockets, m_options.socketsPerUser, m_options.fanout(), m_options.outBytes, m_options.inBytes,
                m_options.commit ? ", one SQLite commit per message" : "");
    std::printf("measured messages      %.0f in %.2f s (%.0f msg/s)\n", messages, wall, wall > 0 ? messages / wall : 0);
    std::printf("server CPU per message %.1f us\n", messages > 0 ? cpu * 1e6 / messages : 0);
    std::printf("cpuSPer1000Msgs        %.4f\n", messages > 0 ? cpu * 1000 / messages : 0);
    std::printf("writes that waited     %lld\n", m_stalls);
    std::printf("{\"sockets\":%d,\"fanout\":%d,\"inBytes\":%d,\"outBytes\":%d,\"commit\":%s,\"messages\":%.0f,"
                "\"seconds\":%.3f,\"cpuUsPerMessage\":%.2f,\"cpuSPer1000Msgs\":%.4f,\"stalledWrites\":%lld}\n",
                m_options.sockets, m_options.fanout(), m_options.inBytes, m_options.outBytes,
                m_options.commit ? "true" : "false", messages, wall, messages > 0 ? cpu * 1e6 / messages : 0,
                messages > 0 ? cpu * 1000 / messages : 0, m_stalls);
}

} // namespace craftchat::bench::floor
