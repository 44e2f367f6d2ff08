#pragma once
// Probe problems in plain, translated words for the ingest table. The core's own message
// (English, with specifics such as "641x359") stays available as the detail.

#include "core/model/ProbeResult.h"

#include <QCoreApplication>
#include <QString>

namespace rendition::ui {

class ProblemText {
    Q_DECLARE_TR_FUNCTIONS(rendition::ui::ProblemText)
public:
    // One short sentence for the problem's code, e.g. "The file is cut short (truncated)."
    // Unknown codes fall back to the core's message.
    static QString describe(const ProbeProblem &problem);
    // Every problem of `probe`, fatal first, each on its own line.
    static QString summary(const ProbeResult &probe);
    // "Ready", "Usable with warnings", "Rejected".
    static QString status(const ProbeResult &probe);
};

} // namespace rendition::ui
