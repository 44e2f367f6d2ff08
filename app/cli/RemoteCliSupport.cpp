#include "app/cli/RemoteCliSupport.h"

#include "core/remote/RemoteOutputs.h"
#include "core/remote/S3Client.h"

#include <QSettings>

#include <atomic>
#include <csignal>

namespace rendition::cli {

namespace {

std::atomic<bool> g_remoteInterrupted{false};
extern "C" void onRemoteSignal(int) { g_remoteInterrupted.store(true); }

} // namespace

void addRemoteOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("remote"),
                      QStringLiteral("Remote profile from the settings, or \"env\" for RENDITION_S3_*/RENDITION_SQS_* and AWS_* variables."),
                      QStringLiteral("PROFILE")});
}

Result<RemoteSetup> resolveRemote(const QString &profileName)
{
    QSettings settings(QStringLiteral("Rendition"), QStringLiteral("rendition"));
    const AwsEnvironment env = remoteProcessEnvironment();
    Result<RemoteProfile> profile = RemoteProfile::resolve(profileName, settings, env);
    if (!profile) return profile.error();
    Result<AwsCredentials> credentials = profile->credentials(env);
    if (!credentials) return credentials.error();
    return RemoteSetup{*profile, *credentials};
}

void installCliInterruptHandler()
{
    struct sigaction sa {};
    sa.sa_handler = onRemoteSignal;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

bool cliInterrupted()
{
    return g_remoteInterrupted.load();
}

Result<QString> fetchPublished(S3Client &s3, const QString &idempotencyKey, const QString &dir)
{
    Result<std::optional<RemotePublished>> marker = findRemotePublished(s3, idempotencyKey);
    if (!marker) return marker.error();
    if (!marker->has_value())
        return makeError(QStringLiteral("remote.not_published"),
                         QStringLiteral("nothing is published for this idempotency key (yet); wait for the job or check the key"),
                         idempotencyKey);
    return downloadRemoteVersion(s3, **marker, dir);
}

} // namespace rendition::cli
