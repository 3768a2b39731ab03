// Human-readable table of a chatbench result (built from the same JSON that is printed).
#pragma once

#include <QJsonObject>
#include <QString>

namespace craftchat::bench {

QString humanReport(const QJsonObject &result);

} // namespace craftchat::bench
