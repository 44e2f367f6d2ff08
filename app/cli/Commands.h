#pragma once
// rendition-cli subcommands. Each takes the arguments after the subcommand name
// (args[0] is "rendition-cli <sub>") and returns the process exit code:
// 0 success, 1 some inputs rejected or failed (each reported), 2 usage error.

#include <QStringList>

namespace rendition::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
// exec-job's own exit codes are the child protocol's (core/queue/ChildProtocol.h).

int probeCommand(const QStringList &args);   // probe FILE... [--json] [--no-hash]
int presetsCommand(const QStringList &args); // presets list|show NAME|validate FILE|export NAME
int runCommand(const QStringList &args);     // run --preset P --out DIR INPUT...
int qcCommand(const QStringList &args);      // qc FILE --preset P [--json]
int thumbnailsCommand(const QStringList &args); // thumbnails FILE --out DIR [--interval S] [--tile WxH] [--grid CxR] [--json]

int batchCommand(const QStringList &args);   // batch --preset P --out DIR INPUT...
int queueCommand(const QStringList &args);   // queue list|dead-letters|pause [ID]|resume [ID]|cancel|retry|priority|
                                             //   move|rerun|approve|reject
int watchCommand(const QStringList &args);   // watch DIR --preset P --out OUT [--once]

int execJobCommand(const QStringList &args); // exec-job SPEC.json (JSON-lines events; exit 0/1/2/3/4/130)

int submitCommand(const QStringList &args);  // submit --remote PROFILE --preset P [--wait] [--fetch DIR] INPUT...
int workerCommand(const QStringList &args);  // worker --remote PROFILE [--slots N] [--metrics-port P] [--once]
int remoteCommand(const QStringList &args);  // remote fetch --remote P --key KEY --out DIR | remote profiles

} // namespace rendition::cli
