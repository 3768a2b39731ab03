#include "common/contract/searchhit.h"

#include "common/contract/jsonfields.h"

namespace craftchat::contract {

QJsonObject SearchHit::toJson() const
{
    return QJsonObject{{QStringLiteral("message"), message.toJson()}, {QStringLiteral("snippet"), snippet}};
}

std::optional<SearchHit> SearchHit::fromJson(const QJsonObject &o)
{
    const QJsonValue m = o.value(QStringLiteral("message"));
    if (!m.isObject())
        return std::nullopt;
    std::optional<Message> message = Message::fromJson(m.toObject());
    SearchHit hit;
    if (!message || !json::readString(o, QStringLiteral("snippet"), hit.snippet))
        return std::nullopt;
    hit.message = std::move(*message);
    return hit;
}

} // namespace craftchat::contract
