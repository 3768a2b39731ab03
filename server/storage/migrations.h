// Versioned schema migrations for SQLite. The schema version is PRAGMA user_version; each
// migration moves it from N-1 to N in one transaction.
#pragma once

#include "server/storage/storeresult.h"

#include <QSqlDatabase>
#include <QStringList>

#include <vector>

namespace craftchat::storage {

struct Migration
{
    int version; // the user_version after this migration
    QString description;
    QStringList statements;
};

// Every migration the code knows, in order (versions 1, 2, 3, ...).
const std::vector<Migration> &sqliteMigrations();
int latestSchemaVersion();

// Brings `db` up to the latest version. SchemaTooNew (nothing changed) when the database is
// newer than the code; Database when a migration fails (that migration is rolled back).
// Returns the version the database is at afterwards.
StoreResult<int> migrate(QSqlDatabase &db, const std::vector<Migration> &migrations = sqliteMigrations());

} // namespace craftchat::storage
