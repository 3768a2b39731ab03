// One answer row of GET /api/messages/search: the message and an excerpt around the first
// match, in which the matched words are marked (docs/API.md, search).
#pragma once

#include "common/contract/message.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace craftchat::contract {

struct SearchHit
{
    Message message;
    QString snippet;

    QJsonObject toJson() const;
    static std::optional<SearchHit> fromJson(const QJsonObject &o);
    bool operator==(const SearchHit &) const = default;
};

} // namespace craftchat::contract
