// Paints one message as a bubble (own ones on the trailing side) with the sender, time,
// ticks (pending, sent, read, failed), photo thumbnails and a day separator above the first
// message of a day.
#pragma once

#include <QDate>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QTextLayout>

class QAbstractItemView;

namespace craftchat::ui {

class ImageCache;
class PdfPreviews;

class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    MessageDelegate(QAbstractItemView *view, ImageCache *images, QObject *parent = nullptr);

    void setToday(const QDate &today) { m_today = today; }
    void setPdfPreviews(PdfPreviews *previews) { m_pdfs = previews; }
    // Words of the find bar: highlighted wherever they start a word of a text.
    void setSearchQuery(const QString &query) { m_query = query; }
    QString searchQuery() const { return m_query; }

    // What a point of an item hits: the quote of a reply, a photo, a file's card.
    enum class Part {
        None,
        Quote,
        Photo,
        File
    };
    Part hitTest(const QStyleOptionViewItem &option, const QModelIndex &index, const QPoint &pos) const;
    // The rectangle of a part inside the item, in view coordinates (empty when it has none).
    QRect partRect(const QStyleOptionViewItem &option, const QModelIndex &index, Part part) const;
    // "1.2 MB · PDF document": the second line of a file's card.
    static QString fileDetails(const QModelIndex &index);
    // "PDF", "DOCX", ...: the label of a file's icon.
    static QString fileBadge(const QString &name, const QString &mimeType);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The bubble's rectangle inside the item (what a click on a photo or a retry hits).
    QRect bubbleRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    static constexpr QSize ThumbnailSize{240, 180};
    static constexpr QSize PdfPreviewSize{240, 200};
    static constexpr int FileCardHeight = 46;

private:
    struct Layout
    {
        int separatorHeight = 0;
        QRect bubble; // logical (left-to-right) coordinates, relative to the item's top-left
        QRect sender;
        QRect quote;   // a reply's quote of the answered message
        QRect preview; // a PDF's first page
        QRect content; // the text, the photo, or a file's card
        QRect status;  // failed messages: why, and what a click offers
        QRect footer;
        int height = 0;
    };
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index, int width) const;
    QString footerText(const QModelIndex &index) const;
    static QString statusText(const QModelIndex &index);
    // What a photo shows while it has no picture: loading, unavailable, or "Load image from …".
    QString photoPlaceholder(const QString &url) const;
    int availableWidth(const QStyleOptionViewItem &option) const;

    // The parts of paint(), each in item coordinates already mirrored for the direction.
    void paintDaySeparator(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index,
                           int height) const;
    void paintBubble(QPainter *painter, const QStyleOptionViewItem &option, const QRect &bubble, bool own,
                     bool pending) const;
    void paintSender(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                     const QModelIndex &index) const;
    void paintPhoto(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                    const QModelIndex &index) const;
    void paintText(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect, const QModelIndex &index,
                   bool own) const;
    void paintQuote(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect, const QModelIndex &index,
                    bool own) const;
    void paintFileCard(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                       const QModelIndex &index, bool own) const;
    void paintPdfPreview(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                         const QModelIndex &index) const;
    void paintTombstone(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect, bool own) const;
    static QString quoteText(const QModelIndex &index);
    void paintStatus(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect,
                     const QModelIndex &index) const;
    void paintFooter(QPainter *painter, const QStyleOptionViewItem &option, const QRect &footer,
                     const QModelIndex &index, bool own) const;
    static void paintTicks(QPainter *painter, const QRectF &area, qreal size, int state, const QColor &colour,
                           const QColor &readColour, const QColor &failedColour);

    QPointer<QAbstractItemView> m_view;
    QPointer<ImageCache> m_images;
    PdfPreviews *m_pdfs = nullptr; // owned by the conversation pane, which outlives the view
    QDate m_today;
    QString m_query;
};

} // namespace craftchat::ui
