#pragma once
// Expands the inputs of a batch (files and folders, folders recursively) and probes
// everything found, in parallel. Media is recognised by probing, not by extension.
// Files found inside folders that are not media at all are listed as ignored; files
// named explicitly, and media with fatal problems, are rejected with the reason.

#include "core/media/Probe.h"

#include <QList>
#include <QStringList>

namespace rendition {

struct ScanResult {
    QList<ProbeResult> media;    // usable (no fatal problem), sorted by path
    QList<ProbeResult> rejected; // explicit inputs or media with a fatal problem
    QStringList ignored;         // non-media found while walking folders
};

// The files one input stands for: itself when it is not a folder (`explicitFile` true), else
// every non-hidden file below it, recursively, sorted (`explicitFile` false). Hidden files
// and folders' dot-files are skipped. The one folder expansion of every front end.
QStringList expandInput(const QString &input, bool *explicitFile);

// A file met while walking a folder that is simply not media (not a container FFmpeg reads,
// or empty): ignored, not rejected. Files named explicitly are always reported.
bool isIgnorableInFolder(const ProbeResult &probe);

ScanResult scanInputs(const QStringList &inputs, const ProbeOptions &options, const ProgressSink &progress,
                      const CancelToken &cancel);

} // namespace rendition
