// The right side of the main window: the open chat's header (who, job, "is typing…"), the
// messages and the composer.
#pragma once

#include <QWidget>

class QLabel;

namespace craftchat::ui {

class ChatController;
class Composer;
class ConversationView;
class ImageCache;

class ConversationPane : public QWidget
{
    Q_OBJECT
public:
    ConversationPane(ChatController *controller, ImageCache *images, QWidget *parent = nullptr);

    ConversationView *view() const { return m_view; }
    Composer *composer() const { return m_composer; }
    QLabel *typingLabel() const { return m_typing; }
    void refreshHeader();

private:
    void attachImage();
    void showImage(const QString &url);

    ChatController *m_controller;
    ImageCache *m_images;
    QLabel *m_avatar;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_typing;
    ConversationView *m_view;
    Composer *m_composer;
};

} // namespace craftchat::ui
