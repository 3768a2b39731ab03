#include "bench/attackbench/attack.h"

namespace craftchat::bench {

Attack::Attack(QString name, int connections, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
    , m_connections(connections)
{}

QJsonObject Attack::report() const
{
    QJsonObject outcomes;
    for (auto it = m_outcomes.cbegin(); it != m_outcomes.cend(); ++it)
        outcomes.insert(it.key(), double(it.value()));
    return {{QStringLiteral("name"), m_name},
            {QStringLiteral("connections"), m_connections},
            {QStringLiteral("attempts"), double(m_attempts)},
            {QStringLiteral("alive"), alive()},
            {QStringLiteral("outcomes"), outcomes}};
}

} // namespace craftchat::bench
