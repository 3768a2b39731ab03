// "chatbench compare": ratio table of two sets of chatbench results (A/B rounds).
#pragma once

#include <QStringList>

namespace craftchat::bench {

// arguments: NAME_A NAME_B a.json... -- b.json... ; prints the table on stdout.
// Returns the exit code (2 on bad usage or unreadable files).
int runCompare(const QStringList &arguments);

} // namespace craftchat::bench
