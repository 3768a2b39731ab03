// The right side of the main window: the open chat's header (who, job, "is typing…"), the
// messages and the composer.
#pragma once

#include <QHash>
#include <QModelIndex>
#include <QSet>
#include <QStringList>
#include <QWidget>

#include <functional>

class QLabel;
class QMenu;
class QMessageBox;
class QTimer;
class QUrl;

namespace craftchat::ui {

class ChatController;
class Composer;
class ConversationView;
class FileCache;
class FindBar;
class ImageCache;
class NoticeBar;
class PdfPreviews;

class ConversationPane : public QWidget
{
    Q_OBJECT
public:
    ConversationPane(ChatController *controller, ImageCache *images, QWidget *parent = nullptr);

    ConversationView *view() const { return m_view; }
    Composer *composer() const { return m_composer; }
    QLabel *typingLabel() const { return m_typing; }
    QLabel *titleLabel() const { return m_title; }
    NoticeBar *connectionBar() const { return m_connectionBar; }
    NoticeBar *noticeBar() const { return m_notice; }
    void refreshHeader();
    // The menu of an unsent message (retry, delete), at a global position; returns it so
    // that tests can pick an action.
    QMenu *unsentMessageMenu(const QString &clientMessageId, const QPoint &globalPos);
    // The menu of a stored message: reply, copy, edit, delete, open, save as.
    QMenu *messageMenu(const QModelIndex &index);
    // Asks before deleting a message for everyone; returns the (open, window-modal) dialog.
    QMessageBox *confirmDelete(const QString &messageId);
    FindBar *findBar() const { return m_find; }
    FileCache *files() const { return m_files; }
    PdfPreviews *pdfPreviews() const { return m_pdfs; }
    // Downloads a file message's file (if needed) and opens it with the system's viewer.
    void openFile(const QModelIndex &index);
    // Downloads it (if needed) and copies it to `target`.
    void saveFileTo(const QModelIndex &index, const QString &target);
    // Who opens a downloaded file (default: QDesktopServices::openUrl); tests watch it.
    void setOpener(std::function<bool(const QUrl &)> opener) { m_opener = std::move(opener); }
    // Sends the files the user attached, dropped or pasted.
    void sendFiles(const QStringList &paths);
    // The ids of the find bar's matches, newest first, and which one is shown.
    QStringList findHits() const { return m_hits; }
    int findPosition() const { return m_hitIndex; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void attachFile();
    void saveFileAs(const QModelIndex &index);
    void fileActivated(const QModelIndex &index);
    void fetchFile(const QModelIndex &index, std::function<void(const QString &path)> then);
    void runFind(const QString &query);
    void showHit(int index);
    void showImage(const QString &url);
    void refreshConnectionBar();

    ChatController *m_controller;
    ImageCache *m_images;
    NoticeBar *m_connectionBar;
    NoticeBar *m_notice;
    QTimer *m_connectionTick;
    QLabel *m_avatar;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_typing;
    ConversationView *m_view;
    Composer *m_composer;
    FindBar *m_find;
    FileCache *m_files;
    PdfPreviews *m_pdfs;
    std::function<bool(const QUrl &)> m_opener;
    // Downloads this pane asked for: url -> what to do with the file, and the message it shows.
    QHash<QString, QList<std::function<void(const QString &)>>> m_afterDownload;
    QHash<QString, QString> m_downloadMessage;
    QStringList m_hits;
    int m_hitIndex = -1;
    quint64 m_findGeneration = 0;
};

} // namespace craftchat::ui
