#pragma once
// Shared by the JobStore unit tests (tst_jobstore, tst_jobcontrol, tst_leases, tst_intake):
// a tiny one-rung preset, synthetic probes (path, SHA-256 and size derived from n) and their
// job specs, and a store opened or the test aborted.

#include "core/model/JobSpec.h"
#include "core/model/ProbeResult.h"
#include "core/queue/JobStore.h"

#include <QtGlobal>

#include <memory>

namespace rendition::testing {

inline const Preset &tinyPreset()
{
    static const Preset preset = parsePreset(QByteArray(R"({"schema": "rendition.preset/1", "name": "tiny",
      "ladder": [{"name": "360p", "codec": "h264", "height": 360, "rate_control": {"mode": "crf", "crf": 23}}]})"))
                                     .value();
    return preset;
}

inline ProbeResult probeOf(int n)
{
    ProbeResult probe;
    probe.path = QStringLiteral("/media/in/clip%1.mov").arg(n);
    probe.sha256 = QStringLiteral("%1").arg(n, 64, 16, QLatin1Char('0'));
    probe.sizeBytes = 1000 + n;
    return probe;
}

inline JobSpec spec(int n) { return makeJobSpec(probeOf(n), tinyPreset(), QStringLiteral("/srv/out")).value(); }

inline std::unique_ptr<JobStore> openStore(const QString &path)
{
    Result<std::unique_ptr<JobStore>> store = JobStore::open(path);
    if (!store) qFatal("open failed: %s", qPrintable(store.error().toString()));
    return std::move(store).value();
}

inline QString enqueued(JobStore &store, int n, int priority = 0)
{
    Result<JobRecord> r = store.enqueue(spec(n), QString(), priority);
    if (!r) qFatal("enqueue failed: %s", qPrintable(r.error().toString()));
    return r->id;
}

} // namespace rendition::testing
