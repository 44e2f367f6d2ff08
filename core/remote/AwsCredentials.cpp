#include "core/remote/AwsCredentials.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QTextStream>

namespace rendition {

namespace {

QString envValue(const AwsEnvironment &env, const char *name)
{
    return env.value(QString::fromLatin1(name)).trimmed();
}

QString homePath(const AwsEnvironment &env)
{
    const QString home = envValue(env, "HOME");
    return home.isEmpty() ? QDir::homePath() : home;
}

QString credentialsFilePath(const AwsEnvironment &env)
{
    const QString explicitPath = envValue(env, "AWS_SHARED_CREDENTIALS_FILE");
    return explicitPath.isEmpty() ? homePath(env) + QStringLiteral("/.aws/credentials") : explicitPath;
}

QString configFilePath(const AwsEnvironment &env)
{
    const QString explicitPath = envValue(env, "AWS_CONFIG_FILE");
    return explicitPath.isEmpty() ? homePath(env) + QStringLiteral("/.aws/config") : explicitPath;
}

QString effectiveProfile(const QString &profile, const AwsEnvironment &env)
{
    if (!profile.isEmpty())
        return profile;
    const QString fromEnv = envValue(env, "AWS_PROFILE");
    return fromEnv.isEmpty() ? QStringLiteral("default") : fromEnv;
}

// The config file names sections "[profile NAME]", except "[default]".
QString configSectionName(const QString &profile)
{
    return profile == QLatin1String("default") ? profile : QStringLiteral("profile ") + profile;
}

// Credentials from one INI section; nullopt when the section sets neither key.
std::optional<Result<AwsCredentials>> credentialsFromSection(const QMap<QString, QString> &section,
                                                             const QString &source)
{
    AwsCredentials c;
    c.accessKeyId = section.value(QStringLiteral("aws_access_key_id"));
    c.secretAccessKey = section.value(QStringLiteral("aws_secret_access_key"));
    c.sessionToken = section.value(QStringLiteral("aws_session_token"));
    c.source = source;
    if (c.accessKeyId.isEmpty() && c.secretAccessKey.isEmpty())
        return std::nullopt;
    if (!c.isValid())
        return Result<AwsCredentials>(makeError(
            "aws.credentials_incomplete",
            QStringLiteral("The AWS credentials in %1 have %2 but not %3; add the missing key.")
                .arg(source,
                     c.accessKeyId.isEmpty() ? QStringLiteral("a secret key") : QStringLiteral("an access key id"),
                     c.accessKeyId.isEmpty() ? QStringLiteral("aws_access_key_id") : QStringLiteral("aws_secret_access_key"))));
    return Result<AwsCredentials>(c);
}

} // namespace

QString AwsCredentials::describe() const
{
    return QStringLiteral("%1 from %2%3")
        .arg(accessKeyId, source, sessionToken.isEmpty() ? QString() : QStringLiteral(" (with session token)"));
}

AwsEnvironment awsProcessEnvironment()
{
    AwsEnvironment env;
    const QProcessEnvironment process = QProcessEnvironment::systemEnvironment();
    for (const QString &key : process.keys()) {
        if (key.startsWith(QLatin1String("AWS_")) || key == QLatin1String("HOME"))
            env.insert(key, process.value(key));
    }
    return env;
}

QMap<QString, QMap<QString, QString>> parseAwsIniFile(const QString &path)
{
    QMap<QString, QMap<QString, QString>> sections;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return sections;
    QTextStream in(&file);
    QString current;
    bool inSection = false;
    while (!in.atEnd()) {
        const QString line = in.readLine().trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            current = line.mid(1, line.size() - 2).simplified();
            inSection = true;
            sections[current]; // present even when empty
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (!inSection || eq <= 0)
            continue;
        sections[current].insert(line.left(eq).trimmed().toLower(), line.mid(eq + 1).trimmed());
    }
    return sections;
}

Result<AwsCredentials> loadAwsCredentials(const QString &profile, const AwsEnvironment &env)
{
    // 1. Environment, unless a profile was asked for explicitly.
    if (profile.isEmpty()) {
        AwsCredentials c;
        c.accessKeyId = envValue(env, "AWS_ACCESS_KEY_ID");
        c.secretAccessKey = envValue(env, "AWS_SECRET_ACCESS_KEY");
        c.sessionToken = envValue(env, "AWS_SESSION_TOKEN");
        c.source = QStringLiteral("environment");
        if (c.isValid())
            return c;
        if (!c.accessKeyId.isEmpty() || !c.secretAccessKey.isEmpty())
            return makeError("aws.credentials_incomplete",
                             QStringLiteral("Only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set; set both or neither."));
    }

    const QString name = effectiveProfile(profile, env);
    const QString credentialsPath = credentialsFilePath(env);
    const QString configPath = configFilePath(env);
    const auto credentialsFile = parseAwsIniFile(credentialsPath);
    const auto configFile = parseAwsIniFile(configPath);

    // 2. Shared credentials file, then 3. config file.
    if (credentialsFile.contains(name)) {
        if (auto c = credentialsFromSection(credentialsFile.value(name), QStringLiteral("%1 [%2]").arg(credentialsPath, name)))
            return *c;
    }
    const QString configSection = configSectionName(name);
    if (configFile.contains(configSection)) {
        if (auto c = credentialsFromSection(configFile.value(configSection), QStringLiteral("%1 [%2]").arg(configPath, configSection)))
            return *c;
    }

    const bool profileDefined = credentialsFile.contains(name) || configFile.contains(configSection);
    const bool profileAsked = !profile.isEmpty() || !envValue(env, "AWS_PROFILE").isEmpty();
    if (profileAsked && !profileDefined)
        return makeError("aws.profile_missing",
                         QStringLiteral("The AWS profile \"%1\" is not defined in %2 or %3; check the profile name.")
                             .arg(name, credentialsPath, configPath));
    const QString places = QStringLiteral("%1%2 [%3] and %4 [%5]")
                               .arg(profile.isEmpty() ? QStringLiteral("AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ") : QString(),
                                    credentialsPath, name, configPath, configSection);
    return makeError("aws.credentials_missing",
                     QStringLiteral("No AWS credentials found (looked at %1); set the variables or add the keys to the profile.")
                         .arg(places));
}

QString loadAwsRegion(const QString &profile, const AwsEnvironment &env)
{
    for (const char *var : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        const QString region = envValue(env, var);
        if (!region.isEmpty())
            return region;
    }
    const QString name = effectiveProfile(profile, env);
    const QString fromConfig = parseAwsIniFile(configFilePath(env)).value(configSectionName(name)).value(QStringLiteral("region"));
    if (!fromConfig.isEmpty())
        return fromConfig;
    return parseAwsIniFile(credentialsFilePath(env)).value(name).value(QStringLiteral("region"));
}

} // namespace rendition
