// AWS credential and region resolution: environment, shared credentials file, config
// file, profiles, session tokens; bad input (incomplete keys, unknown profile); secrets
// never in error messages or describe().

#include "core/remote/AwsCredentials.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace rendition;

namespace {

const QString kSecret = QStringLiteral("s3cr3t/K7MDENG+NEVERLOGGED");
const QString kToken = QStringLiteral("TOKEN-NEVERLOGGED");

void writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

} // namespace

class TestAwsCredentials : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void environmentFirst();
    void sharedCredentialsProfiles();
    void configFileProfile();
    void explicitProfileSkipsEnvironment();
    void region();
    void iniParsing();
    void incompleteAndMissing();

private:
    QTemporaryDir m_dir;
    AwsEnvironment m_env;
};

void TestAwsCredentials::init()
{
    QVERIFY(m_dir.isValid());
    QDir(m_dir.path()).mkpath(QStringLiteral(".aws"));
    QFile::remove(m_dir.filePath(QStringLiteral(".aws/credentials")));
    QFile::remove(m_dir.filePath(QStringLiteral(".aws/config")));
    m_env = {{QStringLiteral("HOME"), m_dir.path()}};
}

void TestAwsCredentials::environmentFirst()
{
    writeFile(m_dir.filePath(QStringLiteral(".aws/credentials")),
              "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = filesecret\n");
    m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
    m_env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), kSecret);
    m_env.insert(QStringLiteral("AWS_SESSION_TOKEN"), kToken);
    auto c = loadAwsCredentials({}, m_env);
    QVERIFY(c.ok());
    QCOMPARE(c->accessKeyId, QStringLiteral("AKIAENV"));
    QCOMPARE(c->secretAccessKey, kSecret);
    QCOMPARE(c->sessionToken, kToken);
    QCOMPARE(c->source, QStringLiteral("environment"));
    QVERIFY(c->describe().contains(QStringLiteral("AKIAENV")));
    QVERIFY(c->describe().contains(QStringLiteral("session token")));
    QVERIFY(!c->describe().contains(kSecret));
    QVERIFY(!c->describe().contains(kToken));
}

void TestAwsCredentials::sharedCredentialsProfiles()
{
    writeFile(m_dir.filePath(QStringLiteral(".aws/credentials")),
              "# comment\n[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = defaultsecret\n\n"
              "[prod]\n; another comment\nAWS_ACCESS_KEY_ID=AKIAPROD\naws_secret_access_key=" + kSecret.toUtf8() +
              "\naws_session_token = " + kToken.toUtf8() + "\n");
    auto byDefault = loadAwsCredentials({}, m_env);
    QVERIFY(byDefault.ok());
    QCOMPARE(byDefault->accessKeyId, QStringLiteral("AKIADEFAULT"));
    QVERIFY(byDefault->sessionToken.isEmpty());

    m_env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("prod"));
    auto prod = loadAwsCredentials({}, m_env);
    QVERIFY(prod.ok());
    QCOMPARE(prod->accessKeyId, QStringLiteral("AKIAPROD"));
    QCOMPARE(prod->secretAccessKey, kSecret);
    QCOMPARE(prod->sessionToken, kToken);
    QVERIFY(prod->source.endsWith(QStringLiteral(".aws/credentials [prod]")));

    // AWS_SHARED_CREDENTIALS_FILE moves the file.
    const QString other = m_dir.filePath(QStringLiteral("other-credentials"));
    writeFile(other, "[prod]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = othersecret\n");
    m_env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), other);
    auto moved = loadAwsCredentials({}, m_env);
    QVERIFY(moved.ok());
    QCOMPARE(moved->accessKeyId, QStringLiteral("AKIAOTHER"));
}

void TestAwsCredentials::configFileProfile()
{
    writeFile(m_dir.filePath(QStringLiteral(".aws/config")),
              "[profile cluster]\nregion = eu-west-1\naws_access_key_id = AKIACONFIG\naws_secret_access_key = configsecret\n");
    auto c = loadAwsCredentials(QStringLiteral("cluster"), m_env);
    QVERIFY(c.ok());
    QCOMPARE(c->accessKeyId, QStringLiteral("AKIACONFIG"));
    QVERIFY(c->source.endsWith(QStringLiteral("[profile cluster]")));
}

void TestAwsCredentials::explicitProfileSkipsEnvironment()
{
    writeFile(m_dir.filePath(QStringLiteral(".aws/credentials")),
              "[staging]\naws_access_key_id = AKIASTAGING\naws_secret_access_key = stagingsecret\n");
    m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
    m_env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), kSecret);
    auto c = loadAwsCredentials(QStringLiteral("staging"), m_env);
    QVERIFY(c.ok());
    QCOMPARE(c->accessKeyId, QStringLiteral("AKIASTAGING"));
}

void TestAwsCredentials::region()
{
    QCOMPARE(loadAwsRegion({}, m_env), QString());
    writeFile(m_dir.filePath(QStringLiteral(".aws/config")),
              "[default]\nregion = us-west-2\n[profile eu]\nregion = eu-central-1\n");
    QCOMPARE(loadAwsRegion({}, m_env), QStringLiteral("us-west-2"));
    QCOMPARE(loadAwsRegion(QStringLiteral("eu"), m_env), QStringLiteral("eu-central-1"));
    m_env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("ap-south-1"));
    QCOMPARE(loadAwsRegion(QStringLiteral("eu"), m_env), QStringLiteral("ap-south-1"));
    m_env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("sa-east-1"));
    QCOMPARE(loadAwsRegion({}, m_env), QStringLiteral("sa-east-1"));
}

void TestAwsCredentials::iniParsing()
{
    const QString path = m_dir.filePath(QStringLiteral("ini"));
    writeFile(path, "ignored = before any section\n[ a  b ]\n Key = v = w \n\n[empty]\n");
    const auto ini = parseAwsIniFile(path);
    QCOMPARE(ini.size(), 2);
    QCOMPARE(ini.value(QStringLiteral("a b")).value(QStringLiteral("key")), QStringLiteral("v = w"));
    QVERIFY(ini.contains(QStringLiteral("empty")));
    QVERIFY(parseAwsIniFile(m_dir.filePath(QStringLiteral("missing"))).isEmpty());
}

void TestAwsCredentials::incompleteAndMissing()
{
    auto none = loadAwsCredentials({}, m_env);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, QStringLiteral("aws.credentials_missing"));
    QVERIFY(none.error().message.contains(QStringLiteral("AWS_ACCESS_KEY_ID")));
    QVERIFY(none.error().message.contains(QStringLiteral(".aws/credentials")));

    AwsEnvironment halfEnv = m_env;
    halfEnv.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), kSecret);
    auto half = loadAwsCredentials({}, halfEnv);
    QCOMPARE(half.error().code, QStringLiteral("aws.credentials_incomplete"));
    QVERIFY(!half.error().message.contains(kSecret));

    writeFile(m_dir.filePath(QStringLiteral(".aws/credentials")),
              "[nokey]\naws_secret_access_key = " + kSecret.toUtf8() + "\n");
    auto noKey = loadAwsCredentials(QStringLiteral("nokey"), m_env);
    QCOMPARE(noKey.error().code, QStringLiteral("aws.credentials_incomplete"));
    QVERIFY(noKey.error().message.contains(QStringLiteral("aws_access_key_id")));
    QVERIFY(!noKey.error().toString().contains(kSecret));

    auto unknown = loadAwsCredentials(QStringLiteral("nosuchprofile"), m_env);
    QCOMPARE(unknown.error().code, QStringLiteral("aws.profile_missing"));
    QVERIFY(unknown.error().message.contains(QStringLiteral("nosuchprofile")));
}

QTEST_GUILESS_MAIN(TestAwsCredentials)
#include "tst_awscredentials.moc"
