#include "server/api/searchsnippet.h"

namespace craftchat::api {

namespace {

constexpr int MaxWordLength = 100;
const QString Ellipsis = QStringLiteral("\u2026");

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c.isMark() || c.isSurrogate();
}

} // namespace

QStringList searchWords(const QString &q)
{
    QStringList words;
    QString current;
    auto flush = [&] {
        if (!current.isEmpty() && words.size() < MaxSearchWords)
            words.append(current.left(MaxWordLength));
        current.clear();
    };
    for (const QChar c : q) {
        if (isWordChar(c))
            current.append(c);
        else
            flush();
    }
    flush();
    return words;
}

QString makeSnippet(const QString &marked)
{
    const qsizetype length = marked.size();
    if (length <= SnippetLength)
        return marked;
    const qsizetype first = qMax<qsizetype>(0, marked.indexOf(QChar(SnippetMarkStart)));
    qsizetype start = qMax<qsizetype>(0, first - SnippetLength / 3);
    if (start > 0) {
        // From the next space on (if one comes before the match).
        const qsizetype space = marked.indexOf(QLatin1Char(' '), start);
        if (space >= 0 && space < first)
            start = space + 1;
    }
    qsizetype end = qMin(length, start + SnippetLength);
    if (end < length) {
        const qsizetype space = marked.lastIndexOf(QLatin1Char(' '), end);
        if (space > first && space > start)
            end = space;
    }
    // Never between the halves of a surrogate pair.
    if (end < length && end > 0 && marked.at(end - 1).isHighSurrogate())
        --end;
    QString out = marked.mid(start, end - start);
    if (out.count(QChar(SnippetMarkStart)) > out.count(QChar(SnippetMarkEnd)))
        out.append(QChar(SnippetMarkEnd));
    if (start > 0)
        out.prepend(Ellipsis);
    if (end < length)
        out.append(Ellipsis);
    return out;
}

} // namespace craftchat::api
