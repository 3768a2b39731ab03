#include "common/chat/validation.h"

#include "common/chat/contract.h"

#include <QRegularExpression>
#include <QUrl>

namespace craftchat::chat {

bool isBlank(const QString &s)
{
    // QChar::isSpace() is exactly the White_Space property: the Z* separators plus
    // U+0009..U+000D and U+0085. No White_Space character lies outside the BMP.
    for (const QChar c : s) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

bool isUploadPath(const QString &s)
{
    if (s.isEmpty() || s.size() > contract::MaxImageUrlLength)
        return false;
    static const QRegularExpression uploadPath(
        QStringLiteral("^/uploads/[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)?$"));
    return uploadPath.match(s).hasMatch();
}

bool isImageUrl(const QString &s)
{
    if (s.isEmpty() || s.size() > contract::MaxImageUrlLength)
        return false;
    if (isUploadPath(s))
        return true;
    const QUrl url(s, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        && !url.host().isEmpty();
}

bool isValidEmail(const QString &email)
{
    static const QRegularExpression pattern(QStringLiteral("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$"));
    return email.size() <= contract::MaxEmailLength && pattern.match(email).hasMatch();
}

bool isValidPasswordLength(const QString &password)
{
    return password.size() >= contract::MinPasswordLength
        && password.size() <= contract::MaxPasswordLength;
}

QString validateText(const QString &text)
{
    if (isBlank(text))
        return QStringLiteral("content must be a string that is not empty or blank");
    if (text.size() > contract::MaxTextLength)
        return QStringLiteral("content exceeds %1 UTF-16 code units").arg(contract::MaxTextLength);
    return {};
}

QString validateSendMessage(const SendMessageRequest &request)
{
    if (request.chatId.isEmpty())
        return QStringLiteral("chatId must be a non-empty string");
    if (request.messageType == contract::MessageTypeText) {
        const QString reason = validateText(request.content);
        if (!reason.isEmpty())
            return reason;
    } else if (request.messageType == contract::MessageTypeImage) {
        if (isBlank(request.content))
            return QStringLiteral("content must be a string that is not empty or blank");
        if (!isImageUrl(request.content))
            return QStringLiteral("image content must be an uploaded image URL or an http(s) URL");
    } else if (request.messageType == contract::MessageTypeFile) {
        if (!isUploadPath(request.content))
            return QStringLiteral("file content must be the url of an upload of this server");
    } else {
        return QStringLiteral("messageType must be 'text', 'image' or 'file'");
    }
    if (request.replyToId && request.replyToId->isEmpty())
        return QStringLiteral("replyToId must be a non-empty string");
    if (request.clientMessageId
        && (request.clientMessageId->isEmpty()
            || request.clientMessageId->size() > contract::MaxClientMessageIdLength))
        return QStringLiteral("clientMessageId must be a non-empty string of at most %1 characters")
            .arg(contract::MaxClientMessageIdLength);
    return {};
}

} // namespace craftchat::chat
