// libFuzzer target: the contract's payload parsers and rules (common/chat), which see every
// event argument a client sends: the input is parsed as JSON (as the Socket.IO decoder does)
// and handed to every fromJson(); the strings inside go through the text, e-mail, password
// and timestamp rules. Whatever a fromJson() accepts must survive toJson() -> fromJson().
#include "common/contract/chatdetails.h"
#include "common/contract/events.h"
#include "common/contract/message.h"
#include "common/contract/messagechanges.h"
#include "common/contract/searchhit.h"
#include "common/contract/timestamp.h"
#include "common/contract/userprofile.h"
#include "common/contract/validation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>

using namespace craftchat::contract;

namespace {

template <typename T>
void roundTrip(const QJsonObject &o)
{
    const std::optional<T> value = T::fromJson(o);
    if (!value)
        return;
    if (!T::fromJson(value->toJson()))
        std::abort();
    if constexpr (requires { value->toJsonText(); }) {
        // The directly written text must say what toJson() says.
        if (QJsonDocument::fromJson(value->toJsonText()).object() != value->toJson())
            std::abort();
    }
}

void checkString(const QString &s)
{
    (void)isBlank(s);
    (void)isImageUrl(s);
    (void)validateText(s);
    (void)isValidEmail(s);
    (void)isValidPasswordLength(s);
    (void)parseIsoTimestamp(s);
}

void checkObject(const QJsonObject &o)
{
    roundTrip<SendMessageRequest>(o);
    roundTrip<MessageSent>(o);
    roundTrip<ChatJoined>(o);
    roundTrip<UserTyping>(o);
    roundTrip<MessageRead>(o);
    roundTrip<NewChatNotification>(o);
    roundTrip<ErrorPayload>(o);
    roundTrip<Attachment>(o);
    roundTrip<ReplyPreview>(o);
    roundTrip<Message>(o);
    roundTrip<EditMessageRequest>(o);
    roundTrip<DeleteMessageRequest>(o);
    roundTrip<MessageUpdated>(o);
    roundTrip<MessageDeleted>(o);
    roundTrip<SearchHit>(o);
    roundTrip<UserProfile>(o);
    roundTrip<ChatDetails>(o);
    (void)MessageChangeAck::fromJson(MessageChangeAck::Kind::Edited, o);
    (void)MessageChangeAck::fromJson(MessageChangeAck::Kind::Deleted, o);
    if (const std::optional<SendMessageRequest> request = SendMessageRequest::fromJson(o))
        (void)validateSendMessage(*request);
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.value().isString())
            checkString(it.value().toString());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    checkString(QString::fromUtf8(input));
    const QJsonDocument document = QJsonDocument::fromJson(input);
    if (document.isObject()) {
        checkObject(document.object());
    } else if (document.isArray()) {
        for (const QJsonValue &value : document.array()) {
            if (value.isObject())
                checkObject(value.toObject());
            else if (value.isString())
                checkString(value.toString());
        }
    }
    return 0;
}
