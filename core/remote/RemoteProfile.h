#pragma once
// Where a remote (cluster) deployment lives: S3 endpoint/region/bucket, the three SQS queue
// URLs (jobs, status, dead letters) and where the AWS credentials come from.
//
// Sources
// - Settings: QSettings group "remote/profiles/<name>" (keys below); the GUI's settings
//   panel edits them through save()/load()/remove()/names().
// - Environment (`--remote env`, what containers use): RENDITION_S3_ENDPOINT (optional;
//   empty = AWS's regional endpoint), RENDITION_S3_BUCKET, RENDITION_SQS_JOBS_URL,
//   RENDITION_SQS_STATUS_URL (optional), RENDITION_SQS_DLQ_URL (optional),
//   RENDITION_S3_PATH_STYLE ("1"/"0"; default 1 with a custom endpoint), region from
//   AWS_REGION / AWS_DEFAULT_REGION (default us-east-1), credentials the standard AWS way
//   (AWS_ACCESS_KEY_ID/…, AWS_PROFILE, ~/.aws).
//
// Credentials are never stored in the profile: only the name of an AWS profile (or none,
// meaning the standard chain). Value type; the functions are reentrant (QSettings objects
// are the caller's and are used from the caller's thread).

#include "core/remote/AwsCredentials.h"
#include "core/remote/S3Client.h"
#include "core/remote/SqsClient.h"
#include "core/util/Result.h"

#include <QString>
#include <QStringList>

class QSettings;

namespace rendition {

inline constexpr auto kEnvProfileName = "env";

struct RemoteProfile {
    QString name;
    QString s3Endpoint;     // "http://127.0.0.1:4568" or empty (https://s3.<region>.amazonaws.com)
    QString region = QStringLiteral("us-east-1");
    QString bucket;
    bool pathStyle = true;  // path-style addressing (emulators, custom endpoints)
    QString jobsQueueUrl;
    QString statusQueueUrl; // optional: no status events when empty
    QString dlqUrl;         // optional: poison messages are then only left to SQS's own redrive
    QString awsProfile;     // credentials: empty = the standard chain (env, then [default])

    // Required fields present and URLs well-formed. Error "remote.profile_invalid" naming the
    // profile and every problem.
    Status validate() const;
    // The AWS credentials this profile uses (never logged).
    Result<AwsCredentials> credentials(const AwsEnvironment &env = awsProcessEnvironment()) const;

    // Client configurations for this profile (one client per thread: see S3Client/SqsClient).
    S3Config s3Config() const;
    SqsClientConfig sqsConfig(const AwsCredentials &credentials) const;

    void save(QSettings &settings) const;
    // Error "remote.profile_missing" when no such profile is stored.
    static Result<RemoteProfile> load(QSettings &settings, const QString &name);
    static void remove(QSettings &settings, const QString &name);
    static QStringList names(QSettings &settings);

    // From RENDITION_* and AWS_* variables (see the header comment); validated.
    static Result<RemoteProfile> fromEnvironment(const AwsEnvironment &env);
    // "env" → fromEnvironment, else load() + validate().
    static Result<RemoteProfile> resolve(const QString &name, QSettings &settings, const AwsEnvironment &env);
};

// The process environment: every RENDITION_* and AWS_* variable plus HOME.
AwsEnvironment remoteProcessEnvironment();

} // namespace rendition
