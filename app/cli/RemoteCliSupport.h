#pragma once
// Shared by the remote-mode subcommands (submit, worker, remote): the --remote option, the
// profile + credentials it names, Ctrl-C/SIGTERM as a flag, and fetching a published version.

#include "core/remote/RemoteProfile.h"
#include "core/util/Result.h"

#include <QCommandLineParser>
#include <QString>

namespace rendition {
class S3Client;
}

namespace rendition::cli {

struct RemoteSetup {
    RemoteProfile profile;
    AwsCredentials credentials; // never printed
};

// --remote PROFILE ("env" or a profile saved in the settings of the GUI, scope Rendition/rendition).
void addRemoteOption(QCommandLineParser &parser);
Result<RemoteSetup> resolveRemote(const QString &profileName);

// SIGINT/SIGTERM set a flag instead of ending the process.
void installCliInterruptHandler();
bool cliInterrupted();

// Downloads the version published for `idempotencyKey` into DIR/<asset>/<version>/ → that folder.
// Error remote.not_published when the key has no publish marker.
Result<QString> fetchPublished(S3Client &s3, const QString &idempotencyKey, const QString &dir);

} // namespace rendition::cli
