// fanoutfloor's command line.
#pragma once

#include <string>

namespace craftchat::bench::floor {

struct FloorOptions
{
    int sockets = 1000;     // client sockets, `socketsPerUser` per user
    int socketsPerUser = 5; // a message goes to the sockets of two users (sender + other)
    int rate = 500;         // inbound messages per second
    int durationS = 10;     // measured seconds
    int warmupS = 2;        // seconds sent before measuring
    int inBytes = 220;      // one inbound frame (chatbench's send-message frame)
    int outBytes = 940;     // one outbound write per recipient socket (new-message + chat-updated)
    bool commit = false;    // one SQLite WAL commit of one row per message before the writes
    std::string directory;  // where --commit keeps its database (default: a temporary one)
    int serverCpu = 0;
    int clientCpu = 1;

    int users() const { return sockets / socketsPerUser; }
    int fanout() const { return 2 * socketsPerUser; }
    long long warmupMessages() const { return (long long)rate * warmupS; }
    long long totalMessages() const { return (long long)rate * (warmupS + durationS); }
};

// Prints usage and returns false on --help or a bad value.
bool parseFloorOptions(int argc, char **argv, FloorOptions *options);

} // namespace craftchat::bench::floor
