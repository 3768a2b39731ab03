// SqliteChatStore: invitations (closed registration). Rare operations: their statements are
// prepared per call. A code is found by its SHA-256 (code_hash), never compared as text.
#include "server/storage/sqlitestore_p.h"

#include "common/contract/timestamp.h"

#include <QCryptographicHash>

namespace craftchat::storage {

namespace {

const char *const kInvitationColumns
    = "code, role, created_by, created_at, expires_at, redeemed_by, redeemed_at, revoked_at";

QString codeHash(const QString &code)
{
    return QString::fromLatin1(QCryptographicHash::hash(code.toUtf8(), QCryptographicHash::Sha256).toHex());
}

std::optional<QDateTime> optionalTime(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return sql::fromMs(v.toLongLong());
}

Invitation readInvitation(const QSqlQuery &q)
{
    Invitation i;
    i.code = q.value(0).toString();
    i.role = q.value(1).toString();
    i.createdBy = sql::optionalText(q.value(2));
    i.createdAt = sql::fromMs(q.value(3).toLongLong());
    i.expiresAt = sql::fromMs(q.value(4).toLongLong());
    i.redeemedBy = sql::optionalText(q.value(5));
    i.redeemedAt = optionalTime(q.value(6));
    i.revokedAt = optionalTime(q.value(7));
    return i;
}

} // namespace

StoreResult<Invitation> SqliteChatStore::createInvitation(const NewInvitation &invitation)
{
    if (invitation.code.isEmpty() || !invitation.expiresAt.isValid())
        return StoreFailure{StoreError::InvalidArgument, QStringLiteral("an invitation needs a code and an expiry")};
    Invitation stored;
    stored.code = invitation.code;
    stored.role = invitation.role;
    stored.createdBy = invitation.createdBy;
    stored.createdAt = contract::nowUtc();
    stored.expiresAt = invitation.expiresAt.toUTC();
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("INSERT INTO invitations (code_hash, code, role, created_by, created_at, expires_at) "
                             "VALUES (:hash, :code, :role, :by, :at, :expires)"));
    q.bindValue(QStringLiteral(":hash"), codeHash(invitation.code));
    q.bindValue(QStringLiteral(":code"), sql::text(invitation.code));
    q.bindValue(QStringLiteral(":role"), sql::text(invitation.role));
    q.bindValue(QStringLiteral(":by"), sql::nullable(invitation.createdBy));
    q.bindValue(QStringLiteral(":at"), sql::toMs(stored.createdAt));
    q.bindValue(QStringLiteral(":expires"), sql::toMs(stored.expiresAt));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot create the invitation"));
    return stored;
}

StoreResult<Invitation> SqliteChatStore::invitationByCode(const QString &code)
{
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT %1 FROM invitations WHERE code_hash = :hash").arg(QLatin1String(kInvitationColumns)));
    q.bindValue(QStringLiteral(":hash"), codeHash(code));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot read the invitation"));
    if (!q.next())
        return StoreFailure{StoreError::NotFound, QStringLiteral("no invitation with that code")};
    return readInvitation(q);
}

StoreResult<QList<Invitation>> SqliteChatStore::openInvitations(const std::optional<QString> &createdBy,
                                                                const QDateTime &now)
{
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM invitations WHERE redeemed_at IS NULL AND revoked_at IS NULL "
                             "AND expires_at > :now AND (:all = 1 OR created_by = :by) ORDER BY created_at, code")
                  .arg(QLatin1String(kInvitationColumns)));
    q.bindValue(QStringLiteral(":now"), sql::toMs(now));
    q.bindValue(QStringLiteral(":all"), createdBy ? 0 : 1);
    q.bindValue(QStringLiteral(":by"), sql::nullable(createdBy));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot list invitations"));
    QList<Invitation> list;
    while (q.next())
        list.append(readInvitation(q));
    return list;
}

StoreResult<void> SqliteChatStore::revokeInvitation(const QString &code, const QDateTime &at)
{
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("UPDATE invitations SET revoked_at = :at WHERE code_hash = :hash "
                             "AND redeemed_at IS NULL AND revoked_at IS NULL AND expires_at > :now"));
    q.bindValue(QStringLiteral(":at"), sql::toMs(at));
    q.bindValue(QStringLiteral(":hash"), codeHash(code));
    q.bindValue(QStringLiteral(":now"), sql::toMs(at));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot revoke the invitation"));
    if (q.numRowsAffected() != 1)
        return StoreFailure{StoreError::NotFound, QStringLiteral("no open invitation with that code")};
    return {};
}

StoreResult<StoredUser> SqliteChatStore::createUserWithInvitation(const NewUser &user, const QString &code,
                                                                  const QDateTime &now)
{
    SqliteTransaction tx(d->st);
    if (!tx.begun())
        return tx.failure(QStringLiteral("cannot begin the registration"));
    StoreResult<StoredUser> created = createUser(user);
    if (!created)
        return created; // rolled back
    // Only an open invitation of this role is taken; a second registration with the same code
    // finds it redeemed and changes nothing.
    QSqlQuery q(d->db);
    q.prepare(QStringLiteral("UPDATE invitations SET redeemed_by = :user, redeemed_at = :now WHERE code_hash = :hash "
                             "AND role = :role AND redeemed_at IS NULL AND revoked_at IS NULL AND expires_at > :now2"));
    q.bindValue(QStringLiteral(":user"), created->profile.id);
    q.bindValue(QStringLiteral(":now"), sql::toMs(now));
    q.bindValue(QStringLiteral(":hash"), codeHash(code));
    q.bindValue(QStringLiteral(":role"), sql::text(user.role));
    q.bindValue(QStringLiteral(":now2"), sql::toMs(now));
    if (!d->exec(q))
        return d->failure(q, QStringLiteral("cannot redeem the invitation"));
    const int redeemed = q.numRowsAffected();
    q.finish();
    if (redeemed != 1)
        return StoreFailure{StoreError::NotFound, QStringLiteral("no open invitation of that role with that code")};
    if (!tx.commit())
        return tx.failure(QStringLiteral("cannot commit the registration"));
    return created;
}

} // namespace craftchat::storage
