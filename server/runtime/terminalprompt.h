// Asks for a secret on the terminal without echoing it.
#pragma once

#include <QString>

#include <optional>

namespace craftchat::runtime {

// Writes `prompt` to stderr and reads one line from stdin with echo off. nullopt when stdin
// is not a terminal or the input ended.
std::optional<QString> readSecretFromTerminal(const QString &prompt);

} // namespace craftchat::runtime
