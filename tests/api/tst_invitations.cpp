// Closed registration (issue 14): the registration modes (open, clients, invite) against
// every role and invitation state (none, valid, of another role, unknown, expired, used,
// revoked), who may create, list and revoke invitations, single use under two concurrent
// registrations, and GET /api/auth/registration. Real server on loopback.
#include "tests/support/testserver.h"

#include "common/contract/contract.h"
#include "common/contract/timestamp.h"
#include "server/api/invitationcode.h"
#include "server/storage/chatstore.h"

#include <QRegularExpression>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace craftchat;
using namespace craftchat::testsupport;
using Mode = runtime::RegistrationMode;

Q_DECLARE_METATYPE(craftchat::runtime::RegistrationMode)

namespace {

QJsonObject registration(const QString &role, const std::optional<QString> &code)
{
    QJsonObject body{{QStringLiteral("fullName"), QStringLiteral("New Person")},
                     {QStringLiteral("email"),
                      QStringLiteral("new-%1@example.test").arg(QUuid::createUuid().toString(QUuid::Id128).left(12))},
                     {QStringLiteral("password"), QStringLiteral("password-1234")}};
    if (!role.isEmpty())
        body.insert(QStringLiteral("role"), role);
    if (code)
        body.insert(QStringLiteral("inviteCode"), *code);
    return body;
}

} // namespace

class TestInvitations : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    TestUser m_admin;

    bool start(Mode mode)
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().registration = mode;
        if (!m_server->start())
            return false;
        m_admin = m_server->createAdmin();
        return !m_admin.token.isEmpty();
    }

    HttpReply invite(const TestUser &by, const QJsonObject &body)
    {
        return m_server->http().postJson(QStringLiteral("/api/invitations"), body, by.token);
    }

    QString inviteCode(const QString &role)
    {
        const HttpReply r = invite(m_admin, QJsonObject{{QStringLiteral("role"), role}});
        if (r.status != 201)
            qWarning("invite: %d %s", r.status, r.body.constData());
        return r.object().value(QStringLiteral("code")).toString();
    }

    HttpReply registerWith(const QString &role, const std::optional<QString> &code)
    {
        return m_server->http().postJson(QStringLiteral("/api/auth/register"), registration(role, code));
    }

    // A user of the role made with an invitation (works in every mode).
    TestUser invitedUser(const QString &role)
    {
        const HttpReply r = registerWith(role, inviteCode(role));
        TestUser user;
        user.role = role;
        user.token = r.object().value(QStringLiteral("token")).toString();
        user.id = r.object().value(QStringLiteral("user")).toObject().value(QStringLiteral("_id")).toString();
        return user;
    }

private slots:
    void cleanup() { m_server.reset(); }

    void registrationModeIsPublished_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<QString>("name");
        QTest::newRow("open") << Mode::Open << "open";
        QTest::newRow("clients") << Mode::Clients << "clients";
        QTest::newRow("invite") << Mode::Invite << "invite";
    }

    void registrationModeIsPublished()
    {
        QFETCH(Mode, mode);
        QFETCH(QString, name);
        QVERIFY(start(mode));
        const HttpReply r = m_server->http().get(QStringLiteral("/api/auth/registration"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object(), (QJsonObject{{QStringLiteral("mode"), name}}));
    }

    void modesRolesAndCodes_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("codeCase"); // none valid otherRole unknown expired used revoked
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");
        const QList<std::pair<Mode, const char *>> modes{
            {Mode::Open, "open"}, {Mode::Clients, "clients"}, {Mode::Invite, "invite"}};
        for (const auto &entry : modes) { // not a structured binding: clang 15 cannot capture those
            const Mode mode = entry.first;
            const char *modeName = entry.second;
            for (const QString &role : {contract::RoleClient, contract::RoleCraftsman}) {
                const auto row = [&](const char *codeCase, int status, const QString &errorCode) {
                    QTest::addRow("%s/%s/%s", modeName, qPrintable(role), codeCase)
                        << mode << role << QString::fromLatin1(codeCase) << status << errorCode;
                };
                const bool needsCode = mode == Mode::Invite || (mode == Mode::Clients && role != contract::RoleClient);
                if (needsCode)
                    row("none", 403, contract::code::RegistrationClosed);
                else
                    row("none", 201, QString());
                row("valid", 201, QString());
                row("otherRole", 403, contract::code::InvitationRole);
                for (const char *invalid : {"unknown", "malformed", "expired", "used", "revoked"})
                    row(invalid, 403, contract::code::InvitationInvalid);
            }
        }
    }

    void modesRolesAndCodes()
    {
        QFETCH(Mode, mode);
        QFETCH(QString, role);
        QFETCH(QString, codeCase);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        QVERIFY(start(mode));
        const QString otherRole = role == contract::RoleClient ? contract::RoleCraftsman : contract::RoleClient;

        std::optional<QString> code;
        if (codeCase == QLatin1String("valid")) {
            code = inviteCode(role);
        } else if (codeCase == QLatin1String("otherRole")) {
            code = inviteCode(otherRole);
        } else if (codeCase == QLatin1String("unknown")) {
            code = api::newInvitationCode();
        } else if (codeCase == QLatin1String("malformed")) {
            code = QStringLiteral("not a code; DROP TABLE users");
        } else if (codeCase == QLatin1String("expired")) {
            // Made through the store with an expiry in the past: no waiting.
            const QString expired = api::newInvitationCode();
            QVERIFY(m_server->server()->store()->createInvitation(
                storage::NewInvitation{expired, role, m_admin.id, contract::nowUtc().addSecs(-1)}));
            code = expired;
        } else if (codeCase == QLatin1String("used")) {
            code = inviteCode(role);
            QCOMPARE(registerWith(role, code).status, 201);
        } else if (codeCase == QLatin1String("revoked")) {
            code = inviteCode(role);
            QCOMPARE(m_server->http()
                         .request("DELETE", QStringLiteral("/api/invitations/") + *code, {}, m_admin.token)
                         .status,
                     204);
        }

        const HttpReply r = registerWith(role, code);
        QCOMPARE(r.status, status);
        if (status == 201) {
            QCOMPARE(r.object().value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString(),
                     role);
            QVERIFY(!r.object().value(QStringLiteral("token")).toString().isEmpty());
        } else {
            QCOMPARE(r.errorCode(), errorCode);
            QVERIFY(!r.object().value(QStringLiteral("message")).toString().isEmpty());
        }
        if (codeCase == QLatin1String("valid")) {
            // Used now: a second registration with it fails.
            const HttpReply again = registerWith(role, code);
            QCOMPARE(again.status, 403);
            QCOMPARE(again.errorCode(), contract::code::InvitationInvalid);
        }
    }

    void invitationRoleIsTakenWhenNoneIsGiven()
    {
        QVERIFY(start(Mode::Invite));
        // As typed by a person: lower case, with dashes.
        QString code = inviteCode(contract::RoleCraftsman).toLower();
        code.insert(13, QLatin1Char('-'));
        const HttpReply r = registerWith(QString(), code);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.object().value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString(),
                 contract::RoleCraftsman);
        // Without a code the role stays required.
        QCOMPARE(registerWith(QString(), std::nullopt).status, 400);
    }

    void invitationAnswerAndExpiry()
    {
        QVERIFY(start(Mode::Clients));
        const QDateTime before = contract::nowUtc();
        const HttpReply r = invite(m_admin, QJsonObject{{QStringLiteral("role"), contract::RoleCraftsman}});
        QCOMPARE(r.status, 201);
        const QJsonObject o = r.object();
        QCOMPARE(o.keys(), (QStringList{"code", "createdBy", "expiresAt", "role"}));
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Z2-7]{26}$"))
                    .match(o.value(QStringLiteral("code")).toString())
                    .hasMatch());
        QCOMPARE(o.value(QStringLiteral("role")).toString(), contract::RoleCraftsman);
        QCOMPARE(o.value(QStringLiteral("createdBy")).toString(), m_admin.id);
        const auto expires = contract::parseIsoTimestamp(o.value(QStringLiteral("expiresAt")).toString());
        QVERIFY(expires);
        const qint64 defaultSeconds = before.secsTo(*expires);
        QVERIFY2(defaultSeconds >= 168 * 3600 - 60 && defaultSeconds <= 168 * 3600 + 60,
                 qPrintable(QString::number(defaultSeconds)));

        const HttpReply oneHour = invite(m_admin, QJsonObject{{QStringLiteral("role"), contract::RoleClient},
                                                              {QStringLiteral("expiresInHours"), 1}});
        QCOMPARE(oneHour.status, 201);
        const qint64 oneHourSeconds = before.secsTo(
            *contract::parseIsoTimestamp(oneHour.object().value(QStringLiteral("expiresAt")).toString()));
        QVERIFY(oneHourSeconds >= 3600 - 60 && oneHourSeconds <= 3600 + 60);
        // Two codes are never the same.
        QVERIFY(oneHour.object().value(QStringLiteral("code")) != o.value(QStringLiteral("code")));

        for (const QJsonValue &bad :
             {QJsonValue(0), QJsonValue(721), QJsonValue(1.5), QJsonValue(QStringLiteral("5"))}) {
            const HttpReply refused = invite(m_admin, QJsonObject{{QStringLiteral("role"), contract::RoleClient},
                                                                  {QStringLiteral("expiresInHours"), bad}});
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.errorCode(), contract::code::InvalidInput);
        }
        for (const QString &badRole : {QStringLiteral("admin"), QStringLiteral("boss")}) {
            QCOMPARE(invite(m_admin, QJsonObject{{QStringLiteral("role"), badRole}}).status, 400);
        }
        // Without a token: 401 before the body is read.
        QCOMPARE(m_server->http().postJson(QStringLiteral("/api/invitations"), QJsonObject{{"role", "client"}}).status,
                 401);
        QCOMPARE(m_server->http().get(QStringLiteral("/api/invitations")).status, 401);
    }

    void whoMayInvite()
    {
        QVERIFY(start(Mode::Invite));
        const TestUser client = invitedUser(contract::RoleClient);
        const TestUser piet = invitedUser(contract::RoleCraftsman);
        const TestUser paul = invitedUser(contract::RoleCraftsman);
        QVERIFY(!client.token.isEmpty() && !piet.token.isEmpty() && !paul.token.isEmpty());

        // Client: nothing.
        for (const QString &role : {contract::RoleClient, contract::RoleCraftsman}) {
            const HttpReply r = invite(client, QJsonObject{{QStringLiteral("role"), role}});
            QCOMPARE(r.status, 403);
            QCOMPARE(r.errorCode(), QStringLiteral("FORBIDDEN"));
        }
        QCOMPARE(m_server->http().get(QStringLiteral("/api/invitations"), client.token).status, 403);

        // Craftsman: clients only.
        const HttpReply craftsmanInvite = invite(piet, QJsonObject{{QStringLiteral("role"), contract::RoleCraftsman}});
        QCOMPARE(craftsmanInvite.status, 403);
        QCOMPARE(craftsmanInvite.errorCode(), QStringLiteral("FORBIDDEN"));
        const HttpReply pietsInvite = invite(piet, QJsonObject{{QStringLiteral("role"), contract::RoleClient}});
        QCOMPARE(pietsInvite.status, 201);
        QCOMPARE(pietsInvite.object().value(QStringLiteral("createdBy")).toString(), piet.id);
        const QString pietsCode = pietsInvite.object().value(QStringLiteral("code")).toString();
        const QString paulsCode = invite(paul, QJsonObject{{QStringLiteral("role"), contract::RoleClient}})
                                      .object()
                                      .value("code")
                                      .toString();
        const QString adminsCode = inviteCode(contract::RoleCraftsman);
        QCOMPARE(m_server->http()
                     .request("DELETE", QStringLiteral("/api/invitations/") + pietsCode, {}, client.token)
                     .status,
                 403);

        // Listing: the craftsman sees his own, the admin all open ones.
        const HttpReply pietsList = m_server->http().get(QStringLiteral("/api/invitations"), piet.token);
        QCOMPARE(pietsList.status, 200);
        QCOMPARE(pietsList.array().size(), 1);
        QCOMPARE(pietsList.array().first().toObject().value(QStringLiteral("code")).toString(), pietsCode);
        const HttpReply adminList = m_server->http().get(QStringLiteral("/api/invitations"), m_admin.token);
        QCOMPARE(adminList.status, 200);
        QStringList listed;
        for (const QJsonValue &v : adminList.array())
            listed.append(v.toObject().value(QStringLiteral("code")).toString());
        QVERIFY(listed.contains(pietsCode) && listed.contains(paulsCode) && listed.contains(adminsCode));
        QCOMPARE(listed.size(), 3); // the ones redeemed by the users above are gone

        // Revoking: own (craftsman), any (admin); someone else's or unknown is 404.
        const auto revoke = [this](const QString &code, const TestUser &by) {
            return m_server->http().request("DELETE", QStringLiteral("/api/invitations/") + code, {}, by.token);
        };
        QCOMPARE(revoke(adminsCode, piet).status, 404);
        QCOMPARE(revoke(paulsCode, piet).status, 404);
        QCOMPARE(revoke(pietsCode, piet).status, 204);
        QCOMPARE(revoke(pietsCode, piet).status, 404);
        QCOMPARE(revoke(paulsCode, m_admin).status, 204);
        QCOMPARE(revoke(api::newInvitationCode(), m_admin).status, 404);
        QCOMPARE(revoke(QStringLiteral("x"), m_admin).status, 404);
        QCOMPARE(m_server->http().get(QStringLiteral("/api/invitations"), m_admin.token).array().size(), 1);
        // The revoked codes no longer register anyone.
        QCOMPARE(registerWith(contract::RoleClient, pietsCode).errorCode(), contract::code::InvitationInvalid);
    }

    void oneCodeTwoConcurrentRegistrations()
    {
        m_server = std::make_unique<TestServer>();
        m_server->config().registration = Mode::Invite;
        // Real hashing cost on two threads: both requests pass the checks and wait for their
        // hashes at the same time, so both reach the store with the same open code.
        m_server->config().passwordHashLimits = auth::PasswordHashLimits::interactive();
        m_server->config().passwordHashThreads = 2;
        QVERIFY(m_server->start());
        m_admin = m_server->createAdmin();
        const QString code = inviteCode(contract::RoleCraftsman);
        const auto body = [&code] {
            return QJsonDocument(registration(contract::RoleCraftsman, code)).toJson(QJsonDocument::Compact);
        };
        HttpCall first(m_server->port(), "POST", "/api/auth/register", body(),
                       HttpHeaders{{"Content-Type", "application/json"}});
        HttpCall second(m_server->port(), "POST", "/api/auth/register", body(),
                        HttpHeaders{{"Content-Type", "application/json"}});
        QVERIFY(first.waitForReply(60000));
        QVERIFY(second.waitForReply(60000));
        QList<int> statuses{first.reply().status, second.reply().status};
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, (QList<int>{201, 403}));
        const HttpReply &loser = first.reply().status == 403 ? first.reply() : second.reply();
        QCOMPARE(loser.errorCode(), contract::code::InvitationInvalid);
        const auto counts = m_server->server()->store()->counts();
        QCOMPARE(counts->users, 2); // the admin and the winner
    }
};

QTEST_GUILESS_MAIN(TestInvitations)
#include "tst_invitations.moc"
