#include "app/cli/CliSupport.h"

#include "app/cli/Commands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace rendition::cli {

QString usageText(const QCommandLineParser &parser, const QString &program)
{
    QString text = parser.helpText();
    const QString binary = QStringLiteral("Usage: ") + QCoreApplication::arguments().value(0);
    if (text.startsWith(binary)) text.replace(0, binary.size(), QStringLiteral("Usage: ") + program);
    return text;
}

std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &args)
{
    const QString program = args.value(0, QStringLiteral("rendition-cli"));
    if (!parser.parse(args)) {
        QTextStream(stderr) << program << ": " << parser.errorText() << "\n\n" << usageText(parser, program);
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << usageText(parser, program);
        return kExitOk;
    }
    return std::nullopt;
}

} // namespace rendition::cli
