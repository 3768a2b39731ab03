// The null server: accepts the clients' sockets, reads fixed-size inbound frames and answers
// each with one write to every socket of two users, optionally after a one-row SQLite commit.
#pragma once

#include "bench/fanoutfloor/flooroptions.h"
#include "bench/fanoutfloor/floorstore.h"

#include <memory>
#include <vector>

namespace craftchat::bench::floor {

class FloorServer
{
public:
    explicit FloorServer(const FloorOptions &options);
    ~FloorServer();
    FloorServer(const FloorServer &) = delete;
    FloorServer &operator=(const FloorServer &) = delete;

    bool listen(); // 127.0.0.1, an ephemeral port
    int port() const { return m_port; }
    bool serve(); // opens the store (--commit), then serves until every client socket has closed
    void printReport() const;

private:
    bool acceptAll();
    bool readFrom(int index);
    bool handleMessage(int senderIndex);
    bool writeAll(int fd);

    FloorOptions m_options;
    int m_listenFd = -1;
    int m_epollFd = -1;
    int m_port = 0;
    std::vector<int> m_fds;     // by accept order; socket i belongs to user i / socketsPerUser
    std::vector<int> m_partial; // bytes of an incomplete inbound frame, per socket
    std::vector<char> m_inBuffer;
    std::vector<char> m_outFrame;
    std::unique_ptr<FloorStore> m_store;
    long long m_messages = 0;
    long long m_stalls = 0; // writes that found the socket's buffer full
    double m_cpuAtWarmup = 0;
    double m_wallAtWarmup = 0;
    double m_cpuAtEnd = 0;
    double m_wallAtEnd = 0;
};

} // namespace craftchat::bench::floor
