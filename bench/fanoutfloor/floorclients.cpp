#include "bench/fanoutfloor/floorclients.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

namespace craftchat::bench::floor {
namespace {

constexpr std::uint32_t TimerTag = UINT32_MAX;
constexpr int DrainTimeoutS = 30;

} // namespace

FloorClients::FloorClients(const FloorOptions &options, int port)
    : m_options(options)
    , m_port(port)
    , m_frame(std::size_t(options.inBytes), 'c')
    , m_readBuffer(256 * 1024)
{}

FloorClients::~FloorClients()
{
    for (int fd : m_fds)
        close(fd);
    if (m_timerFd >= 0)
        close(m_timerFd);
    if (m_epollFd >= 0)
        close(m_epollFd);
}

bool FloorClients::connectAll()
{
    m_epollFd = epoll_create1(EPOLL_CLOEXEC);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(std::uint16_t(m_port));
    const int one = 1;
    for (int i = 0; i < m_options.sockets; ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0 || connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            std::perror("fanoutfloor clients: connect");
            if (fd >= 0)
                close(fd);
            return false;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u32 = std::uint32_t(i);
        epoll_ctl(m_epollFd, EPOLL_CTL_ADD, fd, &event);
        m_fds.push_back(fd);
    }
    return true;
}

bool FloorClients::run()
{
    if (m_epollFd < 0 && !connectAll())
        return false;
    m_timerFd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    const long long intervalNs = 1000000000LL / m_options.rate;
    itimerspec spec{};
    spec.it_interval.tv_sec = intervalNs / 1000000000LL;
    spec.it_interval.tv_nsec = intervalNs % 1000000000LL;
    spec.it_value = spec.it_interval;
    timerfd_settime(m_timerFd, 0, &spec, nullptr);
    epoll_event timerEvent{};
    timerEvent.events = EPOLLIN;
    timerEvent.data.u32 = TimerTag;
    epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_timerFd, &timerEvent);

    const long long total = m_options.totalMessages();
    const long long expected = total * m_options.fanout() * m_options.outBytes;
    std::vector<epoll_event> events(256);
    int idleSeconds = 0;
    while (m_received < expected) {
        const int ready = epoll_wait(m_epollFd, events.data(), int(events.size()), 1000);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return false;
        if (ready == 0 && m_sent == total && ++idleSeconds > DrainTimeoutS)
            break;
        for (int i = 0; i < ready; ++i) {
            const std::uint32_t tag = events[std::size_t(i)].data.u32;
            if (tag == TimerTag) {
                std::uint64_t expirations = 0;
                if (read(m_timerFd, &expirations, sizeof expirations) == sizeof expirations
                    && !sendDue(std::min<long long>(total - m_sent, (long long)expirations)))
                    return false;
                continue;
            }
            if (!drain(m_fds[tag]))
                return false;
        }
    }
    if (m_received != expected) {
        std::fprintf(stderr, "fanoutfloor clients: received %lld of %lld bytes\n", m_received, expected);
        return false;
    }
    return true;
}

bool FloorClients::sendDue(long long due)
{
    for (long long k = 0; k < due; ++k, ++m_sent) {
        const int fd = m_fds[std::size_t(m_sent % (long long)m_fds.size())];
        if (send(fd, m_frame.data(), m_frame.size(), MSG_NOSIGNAL) != ssize_t(m_frame.size())) {
            std::fprintf(stderr, "fanoutfloor clients: a frame did not fit in one write\n");
            return false;
        }
    }
    return true;
}

bool FloorClients::drain(int fd)
{
    for (;;) {
        const ssize_t n = recv(fd, m_readBuffer.data(), m_readBuffer.size(), 0);
        if (n > 0) {
            m_received += n;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return true;
        std::fprintf(stderr, "fanoutfloor clients: the server closed a socket\n");
        return false;
    }
}

} // namespace craftchat::bench::floor
