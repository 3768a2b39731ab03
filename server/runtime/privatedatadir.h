// The data directory holds the database, uploads and the JWT secret: nobody but the server's
// user may read it. securePrivateTree() makes every directory in it 0700 and every file
// 0600 (symbolic links are left alone), for installations made before this rule or by hand,
// and says what it changed so the server can log it once.
#pragma once

#include <QString>
#include <QStringList>

namespace craftchat::runtime {

inline constexpr unsigned PrivateDirMode = 0700;
inline constexpr unsigned PrivateFileMode = 0600;

struct ModeFixes
{
    QStringList fixed;  // "<path relative to the root> 0755->0700", in walk order
    QStringList failed; // "<path>: <reason>"
};

// The directory itself and everything below it. A missing directory fixes nothing.
ModeFixes securePrivateTree(const QString &root);

} // namespace craftchat::runtime
