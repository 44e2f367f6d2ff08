#include "core/remote/RemoteProfile.h"

#include <QProcessEnvironment>
#include <QSettings>
#include <QUrl>

namespace rendition {

namespace {

const QString kGroup = QStringLiteral("remote/profiles");

bool isHttpUrl(const QString &s)
{
    const QUrl url(s, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty();
}

} // namespace

Status RemoteProfile::validate() const
{
    QStringList problems;
    if (bucket.trimmed().isEmpty()) problems << QStringLiteral("the S3 bucket is not set");
    if (!s3Endpoint.isEmpty() && !isHttpUrl(s3Endpoint))
        problems << QStringLiteral("the S3 endpoint \"%1\" is not an http(s) URL").arg(s3Endpoint);
    if (region.trimmed().isEmpty()) problems << QStringLiteral("the region is not set");
    if (jobsQueueUrl.isEmpty()) problems << QStringLiteral("the jobs queue URL is not set");
    else if (!isHttpUrl(jobsQueueUrl))
        problems << QStringLiteral("the jobs queue URL \"%1\" is not an http(s) URL").arg(jobsQueueUrl);
    if (!statusQueueUrl.isEmpty() && !isHttpUrl(statusQueueUrl))
        problems << QStringLiteral("the status queue URL \"%1\" is not an http(s) URL").arg(statusQueueUrl);
    if (!dlqUrl.isEmpty() && !isHttpUrl(dlqUrl))
        problems << QStringLiteral("the dead-letter queue URL \"%1\" is not an http(s) URL").arg(dlqUrl);
    if (problems.isEmpty()) return {};
    return makeError(QStringLiteral("remote.profile_invalid"),
                     QStringLiteral("remote profile \"%1\" is incomplete: %2").arg(name, problems.join(QStringLiteral("; "))),
                     name);
}

Result<AwsCredentials> RemoteProfile::credentials(const AwsEnvironment &env) const
{
    return loadAwsCredentials(awsProfile, env);
}

S3Config RemoteProfile::s3Config() const
{
    S3Config c;
    c.endpoint = s3Endpoint;
    c.region = region;
    c.bucket = bucket;
    c.addressing = pathStyle ? S3Addressing::Path : S3Addressing::VirtualHost;
    return c;
}

SqsClientConfig RemoteProfile::sqsConfig(const AwsCredentials &credentials) const
{
    SqsClientConfig c;
    c.region = region;
    c.credentials = credentials;
    return c;
}

void RemoteProfile::save(QSettings &settings) const
{
    settings.beginGroup(kGroup);
    settings.beginGroup(name);
    settings.setValue(QStringLiteral("s3_endpoint"), s3Endpoint);
    settings.setValue(QStringLiteral("region"), region);
    settings.setValue(QStringLiteral("bucket"), bucket);
    settings.setValue(QStringLiteral("path_style"), pathStyle);
    settings.setValue(QStringLiteral("jobs_queue_url"), jobsQueueUrl);
    settings.setValue(QStringLiteral("status_queue_url"), statusQueueUrl);
    settings.setValue(QStringLiteral("dlq_url"), dlqUrl);
    settings.setValue(QStringLiteral("aws_profile"), awsProfile);
    settings.endGroup();
    settings.endGroup();
}

Result<RemoteProfile> RemoteProfile::load(QSettings &settings, const QString &name)
{
    if (!names(settings).contains(name))
        return makeError(QStringLiteral("remote.profile_missing"),
                         QStringLiteral("there is no remote profile \"%1\"; create it in the settings or use --remote env")
                             .arg(name),
                         name);
    RemoteProfile p;
    p.name = name;
    settings.beginGroup(kGroup);
    settings.beginGroup(name);
    p.s3Endpoint = settings.value(QStringLiteral("s3_endpoint")).toString();
    p.region = settings.value(QStringLiteral("region"), p.region).toString();
    p.bucket = settings.value(QStringLiteral("bucket")).toString();
    p.pathStyle = settings.value(QStringLiteral("path_style"), true).toBool();
    p.jobsQueueUrl = settings.value(QStringLiteral("jobs_queue_url")).toString();
    p.statusQueueUrl = settings.value(QStringLiteral("status_queue_url")).toString();
    p.dlqUrl = settings.value(QStringLiteral("dlq_url")).toString();
    p.awsProfile = settings.value(QStringLiteral("aws_profile")).toString();
    settings.endGroup();
    settings.endGroup();
    return p;
}

void RemoteProfile::remove(QSettings &settings, const QString &name)
{
    settings.beginGroup(kGroup);
    settings.remove(name);
    settings.endGroup();
}

QStringList RemoteProfile::names(QSettings &settings)
{
    settings.beginGroup(kGroup);
    QStringList list = settings.childGroups();
    settings.endGroup();
    return list;
}

Result<RemoteProfile> RemoteProfile::fromEnvironment(const AwsEnvironment &env)
{
    RemoteProfile p;
    p.name = QLatin1String(kEnvProfileName);
    p.s3Endpoint = env.value(QStringLiteral("RENDITION_S3_ENDPOINT")).trimmed();
    p.bucket = env.value(QStringLiteral("RENDITION_S3_BUCKET")).trimmed();
    p.jobsQueueUrl = env.value(QStringLiteral("RENDITION_SQS_JOBS_URL")).trimmed();
    p.statusQueueUrl = env.value(QStringLiteral("RENDITION_SQS_STATUS_URL")).trimmed();
    p.dlqUrl = env.value(QStringLiteral("RENDITION_SQS_DLQ_URL")).trimmed();
    const QString pathStyle = env.value(QStringLiteral("RENDITION_S3_PATH_STYLE")).trimmed();
    p.pathStyle = pathStyle.isEmpty() ? !p.s3Endpoint.isEmpty() : pathStyle != u"0";
    const QString region = loadAwsRegion(QString(), env);
    if (!region.isEmpty()) p.region = region;
    if (Status s = p.validate(); !s)
        return makeError(s.error().code,
                         s.error().message + QStringLiteral(" (set RENDITION_S3_BUCKET and RENDITION_SQS_JOBS_URL)"),
                         s.error().context);
    return p;
}

Result<RemoteProfile> RemoteProfile::resolve(const QString &name, QSettings &settings, const AwsEnvironment &env)
{
    if (name == QLatin1String(kEnvProfileName)) return fromEnvironment(env);
    Result<RemoteProfile> p = load(settings, name);
    if (!p) return p;
    if (Status s = p->validate(); !s) return s.error();
    return p;
}

AwsEnvironment remoteProcessEnvironment()
{
    AwsEnvironment env;
    const QProcessEnvironment pe = QProcessEnvironment::systemEnvironment();
    for (const QString &k : pe.keys())
        if (k.startsWith(u"RENDITION_") || k.startsWith(u"AWS_") || k == u"HOME") env.insert(k, pe.value(k));
    return env;
}

} // namespace rendition
