// Fuzz target: the shared AWS credentials/config files (core/remote/AwsCredentials): the input is
// written to a file used as both AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, then parsed and
// resolved for the default profile and for the first section it names (region: default profile).
// Invariants: parsed keys are trimmed, lower-case and not empty; resolved credentials are valid;
// no secret (aws_secret_access_key / aws_session_token value) ever appears in describe() or in an
// error (secrets shorter than 8 characters, with characters AWS secrets never have, or contained
// in a path or profile name are not checked: they could appear there by coincidence).

#include "tests/fuzz/FuzzSupport.h"

#include "core/remote/AwsCredentials.h"

#include <QRegularExpression>

using namespace rendition;

namespace {

using IniFile = QMap<QString, QMap<QString, QString>>;

// What AWS secrets and tokens are made of; other characters (brackets, spaces) could let a
// profile name plus the "[...]" of an error's source line spell a "secret" by coincidence.
const QRegularExpression kSecretPattern(QStringLiteral("^[A-Za-z0-9/+=_.-]+$"));

QStringList secretsIn(const IniFile &ini, const QString &path)
{
    QStringList secrets;
    for (auto section = ini.cbegin(); section != ini.cend(); ++section) {
        for (const char *key : {"aws_secret_access_key", "aws_session_token"}) {
            const QString value = section.value().value(QString::fromLatin1(key));
            if (value.size() < 8 || path.contains(value) || !kSecretPattern.match(value).hasMatch()) continue;
            bool inName = false;
            for (auto other = ini.cbegin(); other != ini.cend(); ++other)
                inName = inName || other.key().contains(value);
            if (!inName) secrets.append(value);
        }
    }
    return secrets;
}

void checkNoSecret(const QString &text, const QStringList &secrets, const QString &allowedSource)
{
    for (const QString &secret : secrets)
        FUZZ_CHECK(allowedSource.contains(secret) || !text.contains(secret));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = fuzz::writeTempFile(QStringLiteral("credentials"), fuzz::bytesOf(data, size));
    const IniFile ini = parseAwsIniFile(path);
    for (const auto &section : ini) {
        for (auto entry = section.cbegin(); entry != section.cend(); ++entry) {
            FUZZ_CHECK(!entry.key().isEmpty());
            FUZZ_CHECK(entry.key() == entry.key().trimmed().toLower());
        }
    }

    const AwsEnvironment env{{QStringLiteral("HOME"), QStringLiteral("/nonexistent-home")},
                             {QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), path},
                             {QStringLiteral("AWS_CONFIG_FILE"), path}};
    const QStringList secrets = secretsIn(ini, path);

    // The default chain and the profile the first section names (each resolution reads both files).
    QStringList profiles{QString()};
    if (!ini.isEmpty()) {
        QString name = ini.firstKey();
        if (name.startsWith(QLatin1String("profile "))) name = name.mid(8);
        profiles.append(name);
    }
    for (const QString &profile : std::as_const(profiles)) {
        const Result<AwsCredentials> credentials = loadAwsCredentials(profile, env);
        if (credentials.ok()) {
            FUZZ_CHECK(credentials->isValid());
            // describe() may quote the access key id; a secret equal to it is not "leaked" by it.
            checkNoSecret(credentials->describe(), secrets, credentials->accessKeyId + credentials->source);
        } else {
            FUZZ_CHECK(credentials.error().code.startsWith(QLatin1String("aws.")));
            checkNoSecret(credentials.error().toString(), secrets, profile);
        }
    }
    (void)loadAwsRegion(QString(), env);
    return 0;
}
