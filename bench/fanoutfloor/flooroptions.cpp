#include "bench/fanoutfloor/flooroptions.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace craftchat::bench::floor {
namespace {

struct IntOption
{
    const char *name;
    const char *help;
    int FloorOptions::*field;
    int min;
    int max;
};

constexpr IntOption IntOptions[] = {
    {"--sockets", "client sockets", &FloorOptions::sockets, 2, 100000},
    {"--sockets-per-user", "sockets of one user", &FloorOptions::socketsPerUser, 1, 100},
    {"--rate", "inbound messages per second", &FloorOptions::rate, 1, 200000},
    {"--duration", "measured seconds", &FloorOptions::durationS, 1, 3600},
    {"--warmup", "seconds before measuring", &FloorOptions::warmupS, 0, 600},
    {"--in-bytes", "bytes of one inbound frame", &FloorOptions::inBytes, 1, 65536},
    {"--out-bytes", "bytes written to each recipient socket", &FloorOptions::outBytes, 1, 65536},
    {"--server-cpu", "core of the null server (-1: any)", &FloorOptions::serverCpu, -1, 4095},
    {"--client-cpu", "core of the clients (-1: any)", &FloorOptions::clientCpu, -1, 4095},
};

void printUsage()
{
    std::printf("usage: fanoutfloor [options]\n"
                "The kernel's share of a chat server's work per message on this machine:\n"
                "one frame read, one write to each recipient socket, optionally one SQLite commit.\n\n");
    for (const IntOption &o : IntOptions)
        std::printf("  %-20s %s (default %d)\n", o.name, o.help, FloorOptions().*o.field);
    std::printf("  %-20s %s\n", "--commit", "also commit one row per message (SQLite, WAL, synchronous=NORMAL)");
    std::printf("  %-20s %s\n", "--dir PATH", "database folder for --commit (default: a temporary one)");
}

bool parseInt(const char *text, int min, int max, int *out)
{
    char *end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || value < min || value > max)
        return false;
    *out = int(value);
    return true;
}

} // namespace

bool parseFloorOptions(int argc, char **argv, FloorOptions *options)
{
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (std::strcmp(arg, "--help") == 0 || std::strcmp(arg, "-h") == 0) {
            printUsage();
            return false;
        }
        if (std::strcmp(arg, "--commit") == 0) {
            options->commit = true;
            continue;
        }
        if (std::strcmp(arg, "--dir") == 0 && i + 1 < argc) {
            options->directory = argv[++i];
            continue;
        }
        bool known = false;
        for (const IntOption &o : IntOptions) {
            if (std::strcmp(arg, o.name) != 0)
                continue;
            known = true;
            if (i + 1 >= argc || !parseInt(argv[i + 1], o.min, o.max, &(options->*o.field))) {
                std::fprintf(stderr, "fanoutfloor: %s needs a whole number from %d to %d\n", o.name, o.min, o.max);
                return false;
            }
            ++i;
        }
        if (!known) {
            std::fprintf(stderr, "fanoutfloor: unknown option %s (see --help)\n", arg);
            return false;
        }
    }
    if (options->sockets < 2 * options->socketsPerUser || options->sockets % options->socketsPerUser != 0) {
        std::fprintf(stderr, "fanoutfloor: --sockets must be a multiple of --sockets-per-user, at least two users\n");
        return false;
    }
    return true;
}

} // namespace craftchat::bench::floor
