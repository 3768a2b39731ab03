#include "bench/fanoutfloor/floorstore.h"

#include <cstdio>
#include <cstdlib>
#include <sqlite3.h>
#include <unistd.h>

namespace craftchat::bench::floor {

FloorStore::~FloorStore()
{
    sqlite3_finalize(m_begin);
    sqlite3_finalize(m_insert);
    sqlite3_finalize(m_commit);
    sqlite3_close(m_db);
    if (!m_temporaryDirectory.empty()) {
        for (const char *suffix : {"/floor.db", "/floor.db-wal", "/floor.db-shm"})
            unlink((m_temporaryDirectory + suffix).c_str());
        rmdir(m_temporaryDirectory.c_str());
    }
}

bool FloorStore::open(const std::string &directory)
{
    std::string folder = directory;
    if (folder.empty()) {
        char pattern[] = "/tmp/fanoutfloor.XXXXXX";
        if (!mkdtemp(pattern)) {
            std::perror("fanoutfloor: mkdtemp");
            return false;
        }
        folder = m_temporaryDirectory = pattern;
    }
    const std::string path = folder + "/floor.db";
    if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK) {
        std::fprintf(stderr, "fanoutfloor: cannot open %s: %s\n", path.c_str(), sqlite3_errmsg(m_db));
        return false;
    }
    if (!exec("PRAGMA journal_mode=WAL") || !exec("PRAGMA synchronous=NORMAL")
        || !exec(
            "CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY, chat INTEGER NOT NULL, body BLOB NOT NULL)"))
        return false;
    if (sqlite3_prepare_v2(m_db, "BEGIN", -1, &m_begin, nullptr) != SQLITE_OK
        || sqlite3_prepare_v2(m_db, "INSERT INTO messages (chat, body) VALUES (?, ?)", -1, &m_insert, nullptr)
               != SQLITE_OK
        || sqlite3_prepare_v2(m_db, "COMMIT", -1, &m_commit, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "fanoutfloor: %s\n", sqlite3_errmsg(m_db));
        return false;
    }
    return true;
}

bool FloorStore::exec(const char *sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
        return true;
    std::fprintf(stderr, "fanoutfloor: %s: %s\n", sql, sqlite3_errmsg(m_db));
    return false;
}

bool FloorStore::step(sqlite3_stmt *statement)
{
    const int rc = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (rc == SQLITE_DONE)
        return true;
    std::fprintf(stderr, "fanoutfloor: %s\n", sqlite3_errmsg(m_db));
    return false;
}

bool FloorStore::commitRow(long long chat, const char *body, int bytes)
{
    sqlite3_bind_int64(m_insert, 1, chat);
    sqlite3_bind_blob(m_insert, 2, body, bytes, SQLITE_STATIC);
    return step(m_begin) && step(m_insert) && step(m_commit);
}

} // namespace craftchat::bench::floor
