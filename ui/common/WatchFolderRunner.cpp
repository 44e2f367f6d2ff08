#include "ui/common/WatchFolderRunner.h"

#include "core/queue/Intake.h"
#include "core/queue/JobStore.h"
#include "core/queue/WatchFolder.h"
#include "core/queue/WorkerPool.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace rendition::ui {

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
    const QString storePath = m_store.path();
    const CancelToken cancel = m_cancel;
    QtConcurrent::run(&m_probes, [=]() -> Result<std::optional<IntakeItem>> {
        Result<Preset> preset = loadPreset(presetName);
        if (!preset) return preset.error();
        Result<std::unique_ptr<JobStore>> store = JobStore::open(storePath); // this thread's connection
        if (!store) return store.error();
        return Intake::admitWatched(**store, path, size, mtimeMs, *preset, outputRoot, cancel);
    }).then(this, [this, path](const Result<std::optional<IntakeItem>> &item) {
        if (!item) {
            if (item.error().code != u"canceled") Q_EMIT problem(item.error().toString());
            return;
        }
        if (!item->has_value()) return; // queued by an earlier run
        const IntakeItem &i = **item;
        if (i.verdict != IntakeVerdict::Queue && i.verdict != IntakeVerdict::Requeue) {
            Q_EMIT fileSkipped(path, i.describe()); // rejected, reused, already queued: remembered, not probed again
            return;
        }
        m_pool.poke();
        Q_EMIT fileQueued(path, i.jobId);
    });
}

} // namespace rendition::ui
