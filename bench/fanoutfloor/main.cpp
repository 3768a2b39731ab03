// fanoutfloor: the CPU that any chat server on this machine must spend per message on the
// kernel's side of the work alone: one inbound frame read, N outbound writes to N loopback TCP
// sockets, and (with --commit) one SQLite WAL commit of one row. No protocol, no JSON, no
// rooms: a lower bound for `cpuSPer1000Msgs` in chatbench's report, measured the same way
// (user + system CPU of the serving process from the kernel's accounting).
//
// Two processes, like a benchmark run: the "null server" (this process, pinned with
// --server-cpu) and the "clients" (a forked child, pinned with --client-cpu) that hold all
// sockets, write one inbound frame per message at a fixed rate and read everything back.
#include "bench/fanoutfloor/floorclients.h"
#include "bench/fanoutfloor/flooroptions.h"
#include "bench/fanoutfloor/floorserver.h"

#include <cstdio>
#include <cstring>
#include <sched.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace craftchat::bench::floor;

namespace {

void pinTo(int cpu)
{
    if (cpu < 0)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0)
        std::perror("fanoutfloor: sched_setaffinity");
}

} // namespace

int main(int argc, char **argv)
{
    FloorOptions options;
    if (!parseFloorOptions(argc, argv, &options))
        return 1;

    FloorServer server(options);
    if (!server.listen())
        return 1;

    const pid_t child = fork();
    if (child < 0) {
        std::perror("fanoutfloor: fork");
        return 1;
    }
    if (child == 0) {
        pinTo(options.clientCpu);
        bool ok = false;
        {
            FloorClients clients(options, server.port());
            ok = clients.run();
        }
        _exit(ok ? 0 : 1); // the server object's copy here must not clean up the parent's state
    }

    pinTo(options.serverCpu);
    const bool served = server.serve();
    int status = 0;
    waitpid(child, &status, 0);
    const bool clientsOk = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!served || !clientsOk) {
        std::fprintf(stderr, "fanoutfloor: %s failed\n", served ? "the clients" : "the server");
        return 1;
    }
    server.printReport();
    return 0;
}
