// The content rules of the contract (docs/API.md, "send-message in detail") and its e-mail and
// password rules, shared by the server (authoritative) and the desktop app (to refuse bad input
// before sending).
#pragma once

#include "common/chat/events.h"

#include <QString>

namespace craftchat::chat {

// True when `s` is empty or only characters with the Unicode White_Space property.
bool isBlank(const QString &s);

// An upload of a server: /uploads/<name> (file messages, and images).
bool isUploadPath(const QString &s);

// An image message's content: an upload path (/uploads/<name>) or an absolute http(s) URL.
bool isImageUrl(const QString &s);

// Empty when the request is valid, else a short English reason (for the error payload).
QString validateSendMessage(const SendMessageRequest &request);

// A text (message content or a chat's initial message): not blank, at most MaxTextLength.
QString validateText(const QString &text);

// The e-mail rule of the contract: one "@", a dot in the domain, no whitespace, at most
// contract::MaxEmailLength. Registration, --create-admin and the app's forms all use it.
bool isValidEmail(const QString &email);

// A password's length: contract::MinPasswordLength to contract::MaxPasswordLength.
bool isValidPasswordLength(const QString &password);

} // namespace craftchat::chat
