#pragma once
// Turns a preset ladder into the renditions to make for one source: output sizes
// (square pixels, even dimensions, display aspect kept), folder names from the
// naming template, and the rungs skipped because they would upscale, with why.

#include "core/model/Preset.h"
#include "core/model/ProbeResult.h"

#include <QJsonArray>
#include <QList>

namespace rendition {

struct PlannedRung {
    Rung rung;
    int width = 0;
    int height = 0;
    QString dirName; // folder of this rendition inside the package
    QString note;    // e.g. why the size differs from the preset
};

struct SkippedRung {
    QString name;
    QString reason;
};

struct LadderPlan {
    QList<PlannedRung> rungs;
    QList<SkippedRung> skipped;
    QJsonArray skippedJson() const;
};

// Display size of a video stream: width stretched by its sample aspect ratio.
void displaySize(const StreamInfo &video, int *width, int *height);

LadderPlan planLadder(const Preset &preset, const ProbeResult &probe);

// Expands a naming template; unsafe characters ('/', control characters) become '_'.
QString expandName(const QString &pattern, const QHash<QString, QString> &tokens);

} // namespace rendition
