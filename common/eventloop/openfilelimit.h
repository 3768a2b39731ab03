// The open-file limit of a process that holds thousands of sockets (craftchat-server,
// chatbench): each connection is one descriptor.
#pragma once

#include <QtGlobal>

namespace craftchat::eventloop {

struct OpenFileLimit
{
    qint64 soft = -1; // in force afterwards (-1: unlimited or unreadable)
    qint64 hard = -1;
    bool hardRaised = false; // the hard limit itself could be raised (privileged process)
};

// Raises the open-file limit (RLIMIT_NOFILE) as far as the process may, so that one process can
// hold as many sockets as the system allows (each WebSocket is one descriptor): first the hard
// limit up to the kernel's ceiling (fs.nr_open, at most 1,048,576; only a process with
// CAP_SYS_RESOURCE, e.g. root outside a restricted container, may do that), then the soft limit
// up to the hard one. Never lowers anything.
OpenFileLimit raiseOpenFileLimit();

} // namespace craftchat::eventloop
