// A list of distinct sockets for one broadcast: membership is a linear scan while the list is
// small (a broadcast usually reaches a few sockets: a QSet would allocate about 0.6 KB for
// them) and a hash once it grows.
#pragma once

#include <QList>
#include <QSet>

#include <optional>

namespace craftchat::socketio {

class Socket;

class SocketSet
{
public:
    bool isEmpty() const { return m_list.isEmpty(); }
    qsizetype size() const { return m_list.size(); }
    void reserve(qsizetype n) { m_list.reserve(n); }

    bool contains(Socket *socket) const { return m_index ? m_index->contains(socket) : m_list.contains(socket); }
    // The caller checks contains() first.
    void add(Socket *socket)
    {
        m_list.append(socket);
        if (m_index)
            m_index->insert(socket);
        else if (m_list.size() > LinearLimit)
            m_index.emplace(m_list.cbegin(), m_list.cend());
    }
    QList<Socket *> take() { return std::move(m_list); }

private:
    static constexpr qsizetype LinearLimit = 32;
    QList<Socket *> m_list;
    std::optional<QSet<Socket *>> m_index;
};

} // namespace craftchat::socketio
