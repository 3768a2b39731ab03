// The clients: every socket in one process, one inbound frame per message at a fixed rate
// (sockets taken in turn), everything the server writes read back and counted.
#pragma once

#include "bench/fanoutfloor/flooroptions.h"

#include <vector>

namespace craftchat::bench::floor {

class FloorClients
{
public:
    FloorClients(const FloorOptions &options, int port);
    ~FloorClients();
    FloorClients(const FloorClients &) = delete;
    FloorClients &operator=(const FloorClients &) = delete;

    // Connects, sends, waits for every expected byte; false (with a message) on any failure.
    bool run();

private:
    bool connectAll();
    bool sendDue(long long due);
    bool drain(int fd);

    FloorOptions m_options;
    int m_port;
    int m_epollFd = -1;
    int m_timerFd = -1;
    std::vector<int> m_fds;
    std::vector<char> m_frame;
    std::vector<char> m_readBuffer;
    long long m_sent = 0;
    long long m_received = 0;
};

} // namespace craftchat::bench::floor
