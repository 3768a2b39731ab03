// One kind of hostile traffic: a fixed number of connection slots, each repeating its attack
// until stop(), with a count of what the server answered.
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QString>

namespace craftchat::bench {

// Where the attacks go and what they need from the setup phase.
struct AttackTarget
{
    QString host; // 127.0.0.1
    quint16 port = 0;
    QString uploadPath;      // /uploads/<name> of the normal client's image
    QString victimEmail;     // a real user's e-mail (wrong-password logins)
    QStringList floodTokens; // JWTs of the attacker accounts (typing flood), 5 sockets each
    int pauseMs = 20;        // between two attempts of one slot of the looping attacks
    int floodRate = 2000;    // events/s of all flooding sockets together
    QString runId;           // makes the registration loop's e-mails unique
};

class Attack : public QObject
{
    Q_OBJECT
public:
    Attack(QString name, int connections, QObject *parent);

    virtual void start() = 0;
    virtual void stop() = 0;       // aborts every connection; no further attempts
    virtual int alive() const = 0; // connections currently open

    QString name() const { return m_name; }
    int connections() const { return m_connections; }
    QJsonObject report() const; // {name, connections, attempts, alive, outcomes{...}}

protected:
    void noteAttempt() { ++m_attempts; }
    void note(const QString &outcome) { ++m_outcomes[outcome]; }

    bool m_running = false;

private:
    QString m_name;
    int m_connections = 0;
    qint64 m_attempts = 0;
    QMap<QString, qint64> m_outcomes;
};

} // namespace craftchat::bench
