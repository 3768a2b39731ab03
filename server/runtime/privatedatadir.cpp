#include "server/runtime/privatedatadir.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace craftchat::runtime {

namespace {

QString octal(unsigned mode)
{
    return QStringLiteral("0%1").arg(mode, 3, 8, QLatin1Char('0'));
}

void fix(const QString &path, const QString &shown, ModeFixes &out)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat st
    {};
    if (::lstat(native.constData(), &st) != 0) {
        out.failed.append(shown + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    unsigned wanted = 0;
    if (S_ISDIR(st.st_mode))
        wanted = PrivateDirMode;
    else if (S_ISREG(st.st_mode))
        wanted = PrivateFileMode;
    else
        return; // links, sockets, ...: not ours to change
    const unsigned current = unsigned(st.st_mode) & 07777u;
    if (current == wanted)
        return;
    if (::chmod(native.constData(), mode_t(wanted)) != 0) {
        out.failed.append(shown + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    out.fixed.append(shown + QLatin1Char(' ') + octal(current) + QStringLiteral("->") + octal(wanted));
}

} // namespace

ModeFixes securePrivateTree(const QString &root)
{
    ModeFixes out;
    const QDir dir(root);
    if (!dir.exists())
        return out;
    fix(dir.absolutePath(), QStringLiteral("."), out);
    QDirIterator it(dir.absolutePath(), QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileInfo().isSymLink())
            continue;
        fix(path, dir.relativeFilePath(path), out);
    }
    return out;
}

} // namespace craftchat::runtime
