// The right side of the main window: the open chat's header (who, job, "is typing…"), the
// messages and the composer.
#pragma once

#include <QWidget>

class QLabel;
class QMenu;
class QTimer;

namespace craftchat::ui {

class ChatController;
class Composer;
class ConversationView;
class ImageCache;
class NoticeBar;

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

private:
    void attachImage();
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
};

} // namespace craftchat::ui
