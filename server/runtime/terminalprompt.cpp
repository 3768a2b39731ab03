#include "server/runtime/terminalprompt.h"

#include <QByteArray>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace craftchat::runtime {

std::optional<QString> readSecretFromTerminal(const QString &prompt)
{
    if (!::isatty(STDIN_FILENO))
        return std::nullopt;
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);

    termios saved{};
    const bool haveTermios = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTermios) {
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        silent.c_lflag |= ECHONL;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    QByteArray line;
    bool ended = false;
    for (;;) {
        const int c = std::fgetc(stdin);
        if (c == EOF) {
            ended = line.isEmpty();
            break;
        }
        if (c == '\n')
            break;
        if (line.size() < 4096)
            line.append(char(c));
    }
    if (haveTermios)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (ended)
        return std::nullopt;
    if (line.endsWith('\r'))
        line.chop(1);
    QString secret = QString::fromLocal8Bit(line);
    line.fill('\0');
    return secret;
}

} // namespace craftchat::runtime
