#include "ui/util/textmatch.h"

namespace craftchat::ui::textmatch {

namespace {
// One character folded: lower case, its base letter without accents; a combining mark (an
// accent written separately, Arabic harakat) folds to nothing.
QString foldChar(QChar c)
{
    if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_Enclosing)
        return {};
    const QString decomposed = QString(c).normalized(QString::NormalizationForm_KD);
    QString out;
    for (QChar d : decomposed)
        if (d.category() != QChar::Mark_NonSpacing && d.category() != QChar::Mark_Enclosing)
            out += d;
    return out.toCaseFolded();
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing || c == QLatin1Char('_');
}

// The folded text, and for every folded character the index of the original one it came from.
struct Folded
{
    QString text;
    QList<int> origin;
};

Folded fold(const QString &text)
{
    Folded f;
    f.text.reserve(text.size());
    for (int i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size()) {
            f.text += text.mid(i, 2);
            f.origin << i << i;
            ++i;
            continue;
        }
        const QString c = foldChar(text.at(i));
        for (QChar d : c) {
            f.text += d;
            f.origin << i;
        }
    }
    return f;
}
} // namespace

QStringList queryWords(const QString &query)
{
    QStringList words;
    QString current;
    const QString folded = fold(query).text;
    for (QChar c : folded) {
        if (isWordChar(c)) {
            current += c;
        } else if (!current.isEmpty()) {
            words << current;
            current.clear();
        }
    }
    if (!current.isEmpty())
        words << current;
    return words;
}

QList<Range> matches(const QString &text, const QString &query)
{
    const QStringList words = queryWords(query);
    QList<Range> result;
    if (words.isEmpty() || text.isEmpty())
        return result;
    const Folded f = fold(text);
    for (int i = 0; i < f.text.size(); ++i) {
        if (!isWordChar(f.text.at(i)) || (i > 0 && isWordChar(f.text.at(i - 1))))
            continue;
        int best = 0;
        for (const QString &w : words)
            if (w.size() > best && QStringView(f.text).mid(i).startsWith(w))
                best = int(w.size());
        if (best == 0)
            continue;
        const int start = f.origin.at(i);
        int end = f.origin.at(i + best - 1) + 1;
        // Marks that follow the last matched letter belong to it.
        while (end < text.size() && text.at(end).category() == QChar::Mark_NonSpacing)
            ++end;
        result.append({start, end - start});
        i += best - 1;
    }
    return result;
}

bool matchesAll(const QString &text, const QString &query)
{
    const QStringList words = queryWords(query);
    if (words.isEmpty())
        return false;
    const Folded f = fold(text);
    for (const QString &w : words) {
        bool found = false;
        for (int i = 0; i < f.text.size() && !found; ++i) {
            if (!isWordChar(f.text.at(i)) || (i > 0 && isWordChar(f.text.at(i - 1))))
                continue;
            found = QStringView(f.text).mid(i).startsWith(w);
        }
        if (!found)
            return false;
    }
    return true;
}

} // namespace craftchat::ui::textmatch
