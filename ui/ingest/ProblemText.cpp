#include "ui/ingest/ProblemText.h"

#include <QStringList>

namespace rendition::ui {

QString ProblemText::describe(const ProbeProblem &p)
{
    const QString c = p.code;
    if (c == QLatin1String(problem::NotFound)) return tr("The file does not exist.");
    if (c == QLatin1String(problem::NotAFile)) return tr("This is not a regular file.");
    if (c == QLatin1String(problem::EmptyFile)) return tr("The file is empty.");
    if (c == QLatin1String(problem::NotMedia)) return tr("This is not a video or audio file.");
    if (c == QLatin1String(problem::Truncated)) return tr("The file is cut short (truncated); part of it is missing.");
    if (c == QLatin1String(problem::Unreadable)) return tr("The file cannot be read.");
    if (c == QLatin1String(problem::NoVideoStream)) return tr("There is no picture (audio only); only audio renditions can be made.");
    if (c == QLatin1String(problem::NoAudioStream)) return tr("There is no sound (video only); the output will be silent.");
    if (c == QLatin1String(problem::ZeroDuration)) return tr("The media has no length.");
    if (c == QLatin1String(problem::UnsupportedCodec)) return tr("A stream uses a codec that cannot be decoded.");
    if (c == QLatin1String(problem::DimensionsOutOfRange)) return tr("The picture size is outside the supported range.");
    if (c == QLatin1String(problem::OddDimensions)) return tr("The picture has an odd width or height; renditions will be cropped or scaled to even sizes.");
    if (c == QLatin1String(problem::VariableFrameRate)) return tr("The frame rate varies; it will be made constant, which can drop or repeat frames.");
    if (c == QLatin1String(problem::Interlaced)) return tr("The picture is interlaced; it will be deinterlaced.");
    if (c == QLatin1String(problem::DecodeErrors)) return tr("Some frames could not be decoded.");
    if (c == QLatin1String(problem::ProbeTimeout)) return tr("Reading the file took too long.");
    return p.message;
}

QString ProblemText::summary(const ProbeResult &probe)
{
    QStringList lines;
    for (Severity s : {Severity::Fatal, Severity::Warning})
        for (const ProbeProblem &p : probe.problems)
            if (p.severity == s) lines << describe(p);
    lines.removeDuplicates();
    return lines.join(u'\n');
}

QString ProblemText::status(const ProbeResult &probe)
{
    if (probe.hasFatal()) return tr("Rejected");
    if (!probe.problems.isEmpty()) return tr("Usable with warnings");
    return tr("Ready");
}

} // namespace rendition::ui
