#pragma once
// rendition-cli subcommands. Each takes the arguments after the subcommand name
// (args[0] is "rendition-cli <sub>") and returns the process exit code:
// 0 success, 1 some inputs rejected or failed (each reported), 2 usage error.

#include <QStringList>

namespace rendition::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

int probeCommand(const QStringList &args);   // probe FILE... [--json] [--no-hash]
int presetsCommand(const QStringList &args); // presets list|show NAME|validate FILE|export NAME
int runCommand(const QStringList &args);     // run --preset P --out DIR INPUT...
int qcCommand(const QStringList &args);      // qc FILE --preset P [--json]
int thumbnailsCommand(const QStringList &args); // thumbnails FILE --out DIR [--interval S] [--tile WxH] [--grid CxR] [--json]

} // namespace rendition::cli
