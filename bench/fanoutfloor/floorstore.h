// The least a durable SQLite store can do per message: commit one row to a table without
// secondary indexes, WAL journal, synchronous=NORMAL (the server's setting), statements
// prepared once.
#pragma once

#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace craftchat::bench::floor {

class FloorStore
{
public:
    FloorStore() = default;
    ~FloorStore();
    FloorStore(const FloorStore &) = delete;
    FloorStore &operator=(const FloorStore &) = delete;

    // Creates floor.db in directory (a new temporary folder when empty).
    bool open(const std::string &directory);
    bool commitRow(long long chat, const char *body, int bytes);

private:
    bool exec(const char *sql);
    bool step(sqlite3_stmt *statement);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_begin = nullptr;
    sqlite3_stmt *m_insert = nullptr;
    sqlite3_stmt *m_commit = nullptr;
    std::string m_temporaryDirectory; // removed with its files when set
};

} // namespace craftchat::bench::floor
