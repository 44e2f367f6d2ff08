#pragma once
// Shared by the subcommands: usage text that names the subcommand ("rendition-cli probe")
// instead of the binary path, and the common parse / --help / usage-error handling.

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

namespace rendition::cli {

// parser.helpText() with its "Usage: <binary>" replaced by "Usage: <program>".
QString usageText(const QCommandLineParser &parser, const QString &program);

// Parses `args` (args[0] is "rendition-cli <sub>"). On a parse error prints the error and the
// usage to stderr and returns kExitUsage; with --help prints the usage to stdout and returns
// kExitOk; otherwise returns nullopt and the command goes on. The parser must have a help option.
std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &args);

} // namespace rendition::cli
