#include "server/backup/backupmanifest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace craftchat::backup {

namespace {

BackupFailure invalid(const QString &what)
{
    return BackupFailure{BackupError::Invalid, QStringLiteral("the manifest is not valid: ") + what};
}

} // namespace

QByteArray BackupManifest::toJson() const
{
    QJsonArray fileList;
    for (const ManifestFile &file : files) {
        fileList.append(QJsonObject{{QStringLiteral("path"), file.path},
                                    {QStringLiteral("size"), file.size},
                                    {QStringLiteral("sha256"), QString::fromLatin1(file.sha256)}});
    }
    const QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("craftchat-backup")},
        {QStringLiteral("formatVersion"), FormatVersion},
        {QStringLiteral("createdAt"), createdAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("serverVersion"), serverVersion},
        {QStringLiteral("schemaVersion"), schemaVersion},
        {QStringLiteral("counts"), QJsonObject{{QStringLiteral("users"), counts.users},
                                               {QStringLiteral("chats"), counts.chats},
                                               {QStringLiteral("messages"), counts.messages},
                                               {QStringLiteral("uploads"), counts.uploads}}},
        {QStringLiteral("files"), fileList},
        {QStringLiteral("missingUploads"), QJsonArray::fromStringList(missingUploads)},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

BackupResult<BackupManifest> BackupManifest::fromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return invalid(QStringLiteral("not a JSON object"));
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("craftchat-backup"))
        return invalid(QStringLiteral("not a CraftChat backup"));
    if (root.value(QStringLiteral("formatVersion")).toInt() != FormatVersion)
        return invalid(QStringLiteral("format version %1 is not known to this server")
                           .arg(root.value(QStringLiteral("formatVersion")).toInt()));
    BackupManifest manifest;
    manifest.createdAt = QDateTime::fromString(root.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
    manifest.serverVersion = root.value(QStringLiteral("serverVersion")).toString();
    manifest.schemaVersion = root.value(QStringLiteral("schemaVersion")).toInt(-1);
    if (manifest.schemaVersion < 0)
        return invalid(QStringLiteral("no schema version"));
    const QJsonObject counts = root.value(QStringLiteral("counts")).toObject();
    const auto count = [&counts](const char *name) { return qint64(counts.value(QLatin1String(name)).toDouble(-1)); };
    manifest.counts = BackupCounts{count("users"), count("chats"), count("messages"), count("uploads")};
    if (manifest.counts.users < 0 || manifest.counts.chats < 0 || manifest.counts.messages < 0
        || manifest.counts.uploads < 0)
        return invalid(QStringLiteral("counts missing"));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    for (const QJsonValue &value : root.value(QStringLiteral("files")).toArray()) {
        const QJsonObject object = value.toObject();
        ManifestFile file{object.value(QStringLiteral("path")).toString(),
                          qint64(object.value(QStringLiteral("size")).toDouble(-1)),
                          object.value(QStringLiteral("sha256")).toString().toLatin1()};
        if (!isAllowedEntryName(file.path) || file.path == ManifestName || file.size < 0
            || !hex.match(QString::fromLatin1(file.sha256)).hasMatch())
            return invalid(QStringLiteral("a file entry is malformed"));
        manifest.files.append(file);
    }
    for (const QJsonValue &value : root.value(QStringLiteral("missingUploads")).toArray())
        manifest.missingUploads.append(value.toString());
    return manifest;
}

bool isAllowedEntryName(const QString &name)
{
    if (name == ManifestName || name == DatabaseEntryName)
        return true;
    static const QRegularExpression upload(QStringLiteral("^uploads/[A-Za-z0-9_-][A-Za-z0-9._-]{0,90}$"));
    return upload.match(name).hasMatch();
}

} // namespace craftchat::backup
