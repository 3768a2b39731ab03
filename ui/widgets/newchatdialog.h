// "New chat" for clients: pick a craftsman from a searchable list, an optional job title and
// an optional first message.
#pragma once

#include <QDialog>
#include <QTimer>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;

namespace craftchat::ui {

class ApiClient;
class CraftsmanListModel;
class ImageCache;

class NewChatDialog : public QDialog
{
    Q_OBJECT
public:
    NewChatDialog(ApiClient *api, QWidget *parent = nullptr);

    QString craftsmanId() const;
    QString jobTitle() const;
    QString firstMessage() const;
    CraftsmanListModel *model() const { return m_model; }
    QLineEdit *searchEdit() const { return m_search; }
    QListView *list() const { return m_list; }
    QLineEdit *jobEdit() const { return m_job; }
    QPlainTextEdit *messageEdit() const { return m_message; }
    void showError(const QString &message);

signals:
    void createRequested(const QString &craftsmanId, const QString &jobTitle, const QString &firstMessage);

private:
    void search();
    void updateButtons();

    ApiClient *m_api;
    CraftsmanListModel *m_model;
    QLineEdit *m_search;
    QListView *m_list;
    QLineEdit *m_job;
    QPlainTextEdit *m_message;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QTimer m_debounce;
    int m_requestNo = 0;
};

} // namespace craftchat::ui
