// What the raw TCP and the WebSocket attacks share: a fixed number of connection slots, each
// reopened after a pause once its connection is gone, until stop(). Slot is the attack's
// per-connection state; it has at least `SocketType *socket` (owned by the attack, null
// while the slot waits) and `int index`.
#pragma once

#include "bench/attackbench/attack.h"

#include <QTimer>
#include <vector>

namespace craftchat::bench {

template <typename Slot>
class SlotAttack : public Attack
{
public:
    SlotAttack(QString name, int connections, const AttackTarget &target, QObject *parent)
        : Attack(std::move(name), connections, parent)
        , m_target(target)
    {
        m_slots.resize(size_t(connections));
        for (int i = 0; i < connections; ++i)
            m_slots[size_t(i)].index = i;
    }
    ~SlotAttack() override { abortAll(); }

    void start() override
    {
        m_running = true;
        for (int i = 0; i < connections(); ++i)
            open(i);
    }

    void stop() override { abortAll(); }

    int alive() const override
    {
        int n = 0;
        for (const Slot &slot : m_slots)
            n += slot.socket && isOpen(slot) ? 1 : 0;
        return n;
    }

protected:
    // Opens slot `index` (its state reset by resetSlot()); release() ends it.
    virtual void open(int index) = 0;
    virtual bool isOpen(const Slot &slot) const = 0;
    virtual int restartDelayMs() const = 0;

    // The slot's state, cleared for a new connection.
    Slot &resetSlot(int index)
    {
        Slot &slot = m_slots[size_t(index)];
        Q_ASSERT(!slot.socket);
        slot = Slot{};
        slot.index = index;
        return slot;
    }

    // Forgets the slot's socket (deleted later) and, while running, opens the slot again
    // after restartDelayMs().
    void release(int index)
    {
        Slot &slot = m_slots[size_t(index)];
        auto *socket = slot.socket;
        slot.socket = nullptr;
        socket->disconnect(this);
        socket->deleteLater();
        if (m_running)
            QTimer::singleShot(restartDelayMs(), this, [this, index] {
                if (!m_slots[size_t(index)].socket)
                    open(index);
            });
    }

    std::vector<Slot> &connectionSlots() { return m_slots; }

    const AttackTarget &m_target;
    std::vector<Slot> m_slots;

private:
    void abortAll()
    {
        m_running = false;
        for (Slot &slot : m_slots) {
            if (!slot.socket)
                continue;
            auto *socket = slot.socket;
            slot.socket = nullptr;
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
        }
    }
};

} // namespace craftchat::bench
