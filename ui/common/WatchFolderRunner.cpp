#include "ui/common/WatchFolderRunner.h"

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/queue/JobStore.h"
#include "core/queue/WatchFolder.h"
#include "core/queue/WorkerPool.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace rendition::ui {

namespace {

struct SettledProbe {
    ProbeResult probe;
    Result<Preset> preset = makeError(QString(), QString());
};

} // namespace

WatchFolderRunner::WatchFolderRunner(JobStore &store, WorkerPool &pool, QObject *parent)
    : QObject(parent), m_store(store), m_pool(pool)
{
    m_probes.setMaxThreadCount(1);
}

WatchFolderRunner::~WatchFolderRunner()
{
    m_cancel.cancel();
    m_probes.clear();
    m_probes.waitForDone();
}

void WatchFolderRunner::configure(const QStringList &folders, const QString &preset, const QString &outputRoot,
                                  int settleMs, int pollMs)
{
    qDeleteAll(m_watchers);
    m_watchers.clear();
    m_folders.clear();
    m_preset = preset;
    m_outputRoot = outputRoot;
    if (folders.isEmpty()) return;
    if (preset.isEmpty() || outputRoot.isEmpty()) {
        Q_EMIT problem(tr("Watch folders are not watched: choose a default preset and an output folder in Settings."));
        return;
    }
    for (const QString &folder : folders) {
        if (!QFileInfo(folder).isDir()) {
            Q_EMIT problem(tr("The watch folder %1 does not exist or is not a folder; it is skipped.").arg(folder));
            continue;
        }
        auto *watcher = new WatchFolder(folder, settleMs, pollMs, this);
        connect(watcher, &WatchFolder::fileSettled, this, &WatchFolderRunner::onSettled);
        m_watchers << watcher;
        m_folders << folder;
        watcher->start();
    }
}

void WatchFolderRunner::scanNow()
{
    for (WatchFolder *w : std::as_const(m_watchers)) w->scanOnce();
}

void WatchFolderRunner::onSettled(const QString &path, qint64 size, qint64 mtimeMs)
{
    const QString presetName = m_preset;
    const QString outputRoot = m_outputRoot;
    const CancelToken cancel = m_cancel;
    QtConcurrent::run(&m_probes, [path, presetName, cancel] {
        SettledProbe s;
        s.probe = rendition::probe(path, ProbeOptions{}, cancel); // with the content hash
        s.preset = loadPreset(presetName);
        return s;
    }).then(this, [this, path, size, mtimeMs, outputRoot](const SettledProbe &s) {
        if (s.probe.sha256.isEmpty()) {
            Q_EMIT fileSkipped(path, tr("the file could not be read"));
            return;
        }
        Result<bool> seen = m_store.isWatchedFileQueued(path, size, mtimeMs, s.probe.sha256);
        if (!seen) { Q_EMIT problem(seen.error().toString()); return; }
        if (*seen) return; // queued by an earlier run
        if (!s.preset) { Q_EMIT problem(s.preset.error().toString()); return; }
        QString jobId;
        Result<JobSpec> spec = makeJobSpec(s.probe, *s.preset, outputRoot);
        if (spec) {
            Result<JobRecord> job = m_store.enqueue(*spec, QString());
            if (!job) { Q_EMIT problem(job.error().toString()); return; }
            jobId = job->id;
            m_pool.poke();
            Q_EMIT fileQueued(path, jobId);
        } else {
            Q_EMIT fileSkipped(path, spec.error().message); // remembered: not probed again
        }
        if (Status st = m_store.recordWatchedFile(path, size, mtimeMs, s.probe.sha256, jobId); !st)
            Q_EMIT problem(st.error().toString());
    });
}

} // namespace rendition::ui
