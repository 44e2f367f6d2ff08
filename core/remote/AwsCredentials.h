#pragma once
// AWS credentials and region, resolved the way the AWS CLI/SDKs do (the subset we need):
//
// Credentials, first match wins:
//   1. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) in the environment
//      (only when no explicit profile is asked for);
//   2. the shared credentials file (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials),
//      section [PROFILE], where PROFILE = the explicit profile, else AWS_PROFILE, else
//      "default": aws_access_key_id, aws_secret_access_key, aws_session_token;
//   3. the config file (AWS_CONFIG_FILE, default ~/.aws/config), section [profile PROFILE]
//      (or [default]) with the same keys.
// Region, first match wins: AWS_REGION, AWS_DEFAULT_REGION, `region` in the config file
// section of the profile, then in the credentials file section; else empty (callers pick
// their default, e.g. "us-east-1").
//
// Secrets: the secret key and the session token are never logged, never put into an
// Error, and never returned by toString()/describe(); describe() names the source and the
// access key id only, which AWS treats as non-secret.
//
// Everything is a value; the loader functions are reentrant (they read the environment
// through an injectable map so tests need not touch the process environment).

#include "core/util/Result.h"

#include <QMap>
#include <QString>

namespace rendition {

struct AwsCredentials {
    QString accessKeyId;
    QString secretAccessKey; // secret
    QString sessionToken;    // secret; empty for long-term keys
    QString source;          // "environment", "/home/u/.aws/credentials [prod]", …

    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    // "AKIA… from environment (with session token)" — never the secret.
    QString describe() const;
};

using AwsEnvironment = QMap<QString, QString>; // variable name → value

// The process environment (HOME and every AWS_* variable).
AwsEnvironment awsProcessEnvironment();

// Resolves credentials as above. `profile` empty: AWS_PROFILE or "default".
// Errors: aws.credentials_missing (nothing found: names every place looked at),
// aws.credentials_incomplete (a key id without secret or the reverse, names the source),
// aws.profile_missing (an explicit/AWS_PROFILE profile that no file defines).
Result<AwsCredentials> loadAwsCredentials(const QString &profile = {},
                                          const AwsEnvironment &env = awsProcessEnvironment());

// Resolves the region as above; empty when nothing sets it.
QString loadAwsRegion(const QString &profile = {},
                      const AwsEnvironment &env = awsProcessEnvironment());

// Parses an INI-style AWS file into section → (key → value). Keys are lower-cased and
// trimmed; '#' and ';' start comment lines. Missing/unreadable file: empty map.
QMap<QString, QMap<QString, QString>> parseAwsIniFile(const QString &path);

} // namespace rendition
