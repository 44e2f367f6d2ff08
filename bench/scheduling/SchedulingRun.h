#pragma once
// The scheduling-overhead run shared by bench/scheduling (200 jobs, `make bench`) and the
// quick integration test (20 jobs, `make test`): N tiny jobs (copies of a 5 s AAC file, one
// per job so each has its own asset folder; the preset's one video rung is skipped for lack
// of video, so each job packages one audio rendition) through a real WorkerPool with real
// `rendition-cli exec-job` children, measuring per job what the POOL adds, not the work:
//   claim → start : the job is claimed in the store → its child runs and the attempt is recorded
//   exit → store  : the pool sees the child exit → the outcome (attempt, state, renditions) is stored
//   slot gap      : a slot frees (jobFinished) → the next job's child is started (jobStarted)
// Header-only on purpose (two small users); everything runs on the calling thread's event loop.

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/queue/JobStore.h"
#include "core/queue/WorkerPool.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QTextStream>

#include <algorithm>
#include <deque>

namespace rendition::bench {

struct SchedulingConfig {
    QString cli;     // rendition-cli
    QString source;  // a tiny media file (the audio_only.m4a fixture)
    QString workDir; // empty folder for copies, outputs and the store
    int jobs = 200;
    int slots = 2;   // concurrent children
};

struct Stats {
    int count = 0;
    double meanMs = 0, p50Ms = 0, p95Ms = 0, maxMs = 0;
};

struct SchedulingFigures {
    Stats claimToStart, exitToStore, slotGap;
    int succeeded = 0, failed = 0;
    double wallSeconds = 0;
    QString error; // setup failure, empty when the run happened
};

inline Stats statsOf(QList<double> v)
{
    Stats s;
    s.count = int(v.size());
    if (v.isEmpty()) return s;
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v) sum += x;
    auto pct = [&](double p) { return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size() - 1) + 0.5))); };
    s.meanMs = sum / double(v.size());
    s.p50Ms = pct(0.5);
    s.p95Ms = pct(0.95);
    s.maxMs = v.last();
    return s;
}

inline QString statsLine(const char *what, const Stats &s)
{
    return QStringLiteral("%1  n=%2  mean %3 ms  p50 %4 ms  p95 %5 ms  max %6 ms")
        .arg(QString::fromLatin1(what).leftJustified(14))
        .arg(s.count)
        .arg(s.meanMs, 0, 'f', 2)
        .arg(s.p50Ms, 0, 'f', 2)
        .arg(s.p95Ms, 0, 'f', 2)
        .arg(s.maxMs, 0, 'f', 2);
}

inline Preset schedulingPreset()
{
    return parsePreset(QByteArray(R"({"schema": "rendition.preset/1", "name": "sched-bench",
      "ladder": [{"name": "180p", "codec": "h264", "height": 180, "speed": "ultrafast",
                  "rate_control": {"mode": "crf", "crf": 30}}],
      "audio": [{"name": "aac-64k", "codec": "aac", "bitrate_kbps": 64}],
      "packaging": {"segment_duration_s": 2, "hls": true, "dash": false},
      "loudness": {"enabled": false}, "thumbnails": {"enabled": false}, "qc": {"enabled": false}})"))
        .value();
}

inline SchedulingFigures runScheduling(const SchedulingConfig &config)
{
    SchedulingFigures f;
    const QDir work(config.workDir);
    Result<std::unique_ptr<JobStore>> store = JobStore::open(work.filePath(QStringLiteral("data/jobs.sqlite")));
    if (!store) { f.error = store.error().toString(); return f; }
    const Preset preset = schedulingPreset();
    work.mkpath(QStringLiteral("src"));
    for (int i = 0; i < config.jobs; ++i) {
        const QString copy = work.filePath(QStringLiteral("src/clip%1.m4a").arg(i, 4, 10, QLatin1Char('0')));
        if (!QFile::exists(copy) && !QFile::copy(config.source, copy)) { f.error = QStringLiteral("cannot copy ") + config.source; return f; }
        Result<JobSpec> spec = makeJobSpec(probe(copy), preset, work.filePath(QStringLiteral("out")));
        if (!spec) { f.error = spec.error().toString(); return f; }
        if (Result<JobRecord> job = (*store)->enqueue(*spec, QString()); !job) { f.error = job.error().toString(); return f; }
    }

    WorkerPoolOptions options;
    options.program = config.cli;
    options.cpuSlots = config.slots; // the rung is skipped (no video): the jobs are audio-only work
    options.hardwareSlots = 0;
    options.lightSlots = 1;
    WorkerPool pool(**store, options, RetryPolicy(RetryConfig{100, 400, 1}));
    QList<double> claim, exit, gap;
    std::deque<qint64> freedAtNs; // slots freed and not yet reused
    QElapsedTimer clock;
    QObject::connect(&pool, &WorkerPool::schedulingMeasured, [&](const QString &, double c, double e) {
        claim.append(c);
        exit.append(e);
    });
    QObject::connect(&pool, &WorkerPool::jobStarted, [&] {
        if (freedAtNs.empty()) return; // the first `slots` starts fill empty slots
        gap.append(double(clock.nsecsElapsed() - freedAtNs.front()) / 1e6);
        freedAtNs.pop_front();
    });
    QObject::connect(&pool, &WorkerPool::jobFinished, [&](const QString &, JobOutcome outcome) {
        freedAtNs.push_back(clock.nsecsElapsed());
        (outcome == JobOutcome::Succeeded ? f.succeeded : f.failed)++;
    });
    QObject::connect(&pool, &WorkerPool::idle, [] { QCoreApplication::quit(); });
    clock.start();
    if (Status s = pool.start(); !s) { f.error = s.error().toString(); return f; }
    QCoreApplication::exec();
    f.wallSeconds = double(clock.elapsed()) / 1000.0;
    f.claimToStart = statsOf(claim);
    f.exitToStore = statsOf(exit);
    f.slotGap = statsOf(gap);
    return f;
}

inline void printFigures(QTextStream &out, const SchedulingConfig &config, const SchedulingFigures &f)
{
    out << "scheduling overhead: " << config.jobs << " audio-only jobs, " << config.slots << " slots, wall "
        << QString::number(f.wallSeconds, 'f', 1) << " s, " << f.succeeded << " succeeded, " << f.failed << " failed\n"
        << statsLine("claim->start", f.claimToStart) << '\n'
        << statsLine("exit->store", f.exitToStore) << '\n'
        << statsLine("slot gap", f.slotGap) << '\n';
    const double perJob = f.claimToStart.meanMs + f.exitToStore.meanMs;
    out << "per-job overhead (claim->start + exit->store, mean): " << QString::number(perJob, 'f', 2)
        << " ms; goal < 20 ms: " << (perJob < 20 ? "met" : "NOT met") << '\n';
    out.flush();
}

} // namespace rendition::bench
