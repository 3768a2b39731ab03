// Contract timestamps: ISO 8601 UTC with milliseconds, e.g. 2026-11-26T10:15:30.123Z.
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace craftchat::contract {

// Always UTC, always three fractional digits and a trailing 'Z'.
QString isoTimestamp(const QDateTime &t);

// Accepts yyyy-MM-ddTHH:mm:ss with an optional 1-3 digit fraction and a 'Z' or +hh:mm/-hh:mm
// offset; returns the instant in UTC. Anything else (dates without a zone, garbage) is nullopt.
std::optional<QDateTime> parseIsoTimestamp(const QString &text);

// The current time in UTC, truncated to whole milliseconds (what the wire can carry).
QDateTime nowUtc();

} // namespace craftchat::contract
