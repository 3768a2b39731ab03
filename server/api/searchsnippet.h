// The words of a search query and the snippet of a search hit (docs/API.md, message search).
#pragma once

#include <QString>
#include <QStringList>

namespace craftchat::api {

// Snippet marks: every matched word of a snippet is enclosed in these two characters. The
// stored text never contributes them (they are replaced by spaces when indexed).
inline constexpr char16_t SnippetMarkStart = u'\u0002';
inline constexpr char16_t SnippetMarkEnd = u'\u0003';
// At most this many UTF-16 code units of text (plus marks and the "…" at a cut end).
inline constexpr int SnippetLength = 160;
// The words of q that search matches: runs of letters, digits and combining marks; at most
// MaxSearchWords, each at most 100 code units. Empty when q has no such run.
inline constexpr int MaxSearchWords = 16;
QStringList searchWords(const QString &q);

// An excerpt of `marked` (the whole text with the marks) around its first match: the whole
// text when it is short, else a window that starts at most about a third of SnippetLength
// before the first mark, cut at spaces where possible, with "…" where text was left out.
// Marks stay balanced.
QString makeSnippet(const QString &marked);

} // namespace craftchat::api
