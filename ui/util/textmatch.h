// Where the words of a search occur in a text, as the server's search matches them: every
// word of the query starts a word of the text, ignoring case and diacritics ("fliese" finds
// "Fliesen", "cafe" finds "Café", Arabic with or without its vowel marks). Used to highlight
// matches in bubbles and to search the messages already loaded.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace craftchat::ui::textmatch {

struct Range
{
    int start = 0; // in UTF-16 code units of the original text
    int length = 0;
    bool operator==(const Range &) const = default;
};

// The query's words, folded (lower case, without diacritics); blank words are dropped.
QStringList queryWords(const QString &query);
// Every place in `text` where a word of the text starts with one of the query's words.
QList<Range> matches(const QString &text, const QString &query);
// True when every word of the query starts some word of the text.
bool matchesAll(const QString &text, const QString &query);

} // namespace craftchat::ui::textmatch
