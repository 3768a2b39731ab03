#include "ui/widgets/newchatdialog.h"

#include "common/contract/contract.h"
#include "ui/models/craftsmanlistmodel.h"
#include "ui/net/apiclient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace craftchat::ui {

NewChatDialog::NewChatDialog(ApiClient *api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_model(new CraftsmanListModel(this))
    , m_search(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_job(new QLineEdit(this))
    , m_message(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New chat"));
    setObjectName(QStringLiteral("newChatDialog"));
    m_search->setPlaceholderText(tr("Search craftsmen by name"));
    m_search->setAccessibleName(tr("Search craftsmen"));
    m_search->setClearButtonEnabled(true);
    m_list->setModel(m_model);
    m_list->setAccessibleName(tr("Craftsmen"));
    m_list->setMinimumHeight(180);
    m_job->setPlaceholderText(tr("e.g. Kitchen tiles (optional)"));
    m_job->setAccessibleName(tr("Job title"));
    m_job->setMaxLength(200);
    m_message->setPlaceholderText(tr("Hello! … (optional)"));
    m_message->setAccessibleName(tr("First message"));
    m_message->setTabChangesFocus(true);
    m_message->setMaximumHeight(90);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    m_error->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Start chat"));

    auto *pick = new QLabel(tr("&Craftsman"), this);
    pick->setBuddy(m_search);
    auto *form = new QFormLayout;
    form->addRow(tr("&Job title"), m_job);
    form->addRow(tr("First &message"), m_message);
    if (auto *jobLabel = qobject_cast<QLabel *>(form->labelForField(m_job)))
        jobLabel->setBuddy(m_job);
    if (auto *messageLabel = qobject_cast<QLabel *>(form->labelForField(m_message)))
        messageLabel->setBuddy(m_message);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pick);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    resize(420, 520);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &NewChatDialog::search);
    connect(m_search, &QLineEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &NewChatDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->rowCount() > 0 && !m_list->currentIndex().isValid())
            m_list->setCurrentIndex(m_model->index(0, 0));
        updateButtons();
    });
    connect(m_message, &QPlainTextEdit::textChanged, this, &NewChatDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        m_error->hide();
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        emit createRequested(craftsmanId(), jobTitle(), firstMessage());
    });
    updateButtons();
    search();
}

void NewChatDialog::search()
{
    const int requestNo = ++m_requestNo;
    m_api->craftsmen(m_search->text(), [this, requestNo](const ApiResult &r, const QList<contract::UserProfile> &list) {
        if (requestNo != m_requestNo)
            return;
        if (!r.ok()) {
            showError(r.errorMessage);
            return;
        }
        m_model->setProfiles(list);
    });
}

QString NewChatDialog::craftsmanId() const
{
    return m_list->currentIndex().data(CraftsmanListModel::IdRole).toString();
}

QString NewChatDialog::jobTitle() const
{
    return m_job->text().trimmed();
}

QString NewChatDialog::firstMessage() const
{
    const QString text = m_message->toPlainText();
    return text.trimmed().isEmpty() ? QString() : text;
}

void NewChatDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
    updateButtons();
}

void NewChatDialog::updateButtons()
{
    const bool ok = !craftsmanId().isEmpty() && m_message->toPlainText().size() <= contract::MaxTextLength;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace craftchat::ui
