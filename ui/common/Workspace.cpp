#include "ui/common/Workspace.h"

#include "ui/common/WatchFolderRunner.h"
#include "core/media/EncoderSelector.h"
#include "core/queue/DataDir.h"
#include "core/queue/Intake.h"
#include "core/queue/JobStore.h"
#include "core/queue/WorkerPool.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace rendition::ui {

Workspace::Workspace(QString dataDir, QString cliProgram, const AppSettings &settings, std::unique_ptr<JobStore> store)
    : m_dataDir(std::move(dataDir)), m_settings(settings), m_store(std::move(store))
{
    m_workers.setMaxThreadCount(2);
    WorkerPoolOptions options;
    options.program = std::move(cliProgram);
    options.cpuSlots = settings.cpuSlots;
    options.lightSlots = settings.lightSlots;
    options.hardwareSlots = std::max(0, settings.hardwareSlots); // auto: set once probed, before start
    m_pool = new WorkerPool(*m_store, options, RetryPolicy(), this);
    m_watch = new WatchFolderRunner(*m_store, *m_pool, this);
    connect(m_pool, &WorkerPool::storeError, this, [this](const Error &e) { Q_EMIT message(e.toString()); });
    connect(m_watch, &WatchFolderRunner::problem, this, &Workspace::message);
    connect(m_watch, &WatchFolderRunner::fileQueued, this, [this](const QString &path) {
        Q_EMIT message(tr("Queued %1 from a watch folder.").arg(QFileInfo(path).fileName()));
    });
    connect(m_watch, &WatchFolderRunner::fileSkipped, this, [this](const QString &path, const QString &why) {
        Q_EMIT message(tr("Did not queue %1 from a watch folder: %2").arg(QFileInfo(path).fileName(), why));
    });
}

Workspace::~Workspace()
{
    m_cancel.cancel();
    m_workers.clear();
    m_workers.waitForDone();
    delete m_watch; // before the store they use
    delete m_pool;
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString &dataDir, const QString &cliProgram,
                                                   const AppSettings &settings)
{
    const QString dir = resolveDataDir(dataDir);
    if (!QDir().mkpath(dir))
        return makeError(QStringLiteral("store.open"), tr("Cannot create the data folder; check its permissions."), dir);
    Result<std::unique_ptr<JobStore>> store = JobStore::open(jobStorePath(dir));
    if (!store) return store.error();
    return std::unique_ptr<Workspace>(new Workspace(dir, cliProgram, settings, std::move(*store)));
}

QString Workspace::cliBesideApplication()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("rendition-cli"));
}

void Workspace::start()
{
    if (m_started) return;
    m_started = true;
    m_watch->configure(m_settings.watchFolders, m_settings.defaultPreset, m_settings.outputRoot);
    if (m_settings.hardwareSlots != AppSettings::kAutoHardwareSlots) {
        startPool();
        return;
    }
    applyHardwareSlots(); // starts the pool once the encoders are known
}

void Workspace::applyHardwareSlots()
{
    QtConcurrent::run(&m_workers, [] { return defaultHardwareSlots(); }).then(this, [this](int slots) {
        if (m_settings.hardwareSlots == AppSettings::kAutoHardwareSlots) m_pool->setSlots(PoolKind::Hardware, slots);
        if (!m_poolRunning) startPool();
    });
}

void Workspace::startPool()
{
    if (Status s = m_pool->start(); !s) {
        Q_EMIT message(tr("The job queue could not start: %1").arg(s.error().toString()));
        return;
    }
    m_poolRunning = true;
    Q_EMIT started(m_pool->slots(PoolKind::Hardware));
}

void Workspace::applySettings(const AppSettings &settings)
{
    const AppSettings old = std::exchange(m_settings, settings);
    m_pool->setSlots(PoolKind::Cpu, settings.cpuSlots);
    m_pool->setSlots(PoolKind::Light, settings.lightSlots);
    if (settings.hardwareSlots != AppSettings::kAutoHardwareSlots) m_pool->setSlots(PoolKind::Hardware, settings.hardwareSlots);
    else if (old.hardwareSlots != settings.hardwareSlots && m_started) applyHardwareSlots();
    const bool watchChanged = old.watchFolders != settings.watchFolders || old.defaultPreset != settings.defaultPreset
                              || old.outputRoot != settings.outputRoot;
    if (m_started && watchChanged)
        m_watch->configure(settings.watchFolders, settings.defaultPreset, settings.outputRoot);
    Q_EMIT settingsChanged(m_settings);
}

QString Workspace::userPresetDir() const { return QDir(m_dataDir).filePath(QStringLiteral("presets")); }

QList<PresetChoice> Workspace::presetChoices() const
{
    QList<PresetChoice> out;
    for (const QString &name : builtinPresetNames()) out << PresetChoice{name, name};
    const QDir dir(userPresetDir());
    for (const QFileInfo &f : dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        out << PresetChoice{f.completeBaseName(), f.absoluteFilePath()};
    return out;
}

void Workspace::enqueueFiles(const QStringList &paths, const QString &preset)
{
    const QString outputRoot = m_settings.outputRoot;
    if (outputRoot.isEmpty()) {
        Q_EMIT queueFailed(tr("Choose an output folder in Settings before queuing files."));
        return;
    }
    if (paths.isEmpty()) {
        Q_EMIT queueFailed(tr("Select at least one file to queue."));
        return;
    }
    // The intake decides (core/queue/Intake) on a worker thread with a store connection of its
    // own, in one transaction: the GUI thread never waits for hashing, probing or the store.
    const CancelToken cancel = m_cancel;
    const QString storePath = m_store->path();
    const IntakeRequest request{paths, preset, outputRoot};
    QtConcurrent::run(&m_workers, [storePath, request, cancel] {
        return Intake::submitToStore(storePath, request, {}, cancel);
    }).then(this, [this](const Result<IntakeReport> &report) {
        if (!report) {
            if (report.error().code != u"canceled") Q_EMIT queueFailed(report.error().toString());
            return;
        }
        QStringList notQueued;
        for (const IntakeItem &item : report->items) {
            if (item.verdict == IntakeVerdict::Queue || item.verdict == IntakeVerdict::Requeue || item.verdict == IntakeVerdict::Ignore)
                continue;
            notQueued << tr("%1: %2").arg(QFileInfo(item.path).fileName(), item.describe());
        }
        const int queued = report->count(IntakeVerdict::Queue) + report->count(IntakeVerdict::Requeue);
        if (queued > 0) m_pool->poke();
        Q_EMIT batchQueued(report->batchId, queued, notQueued);
    });
}

} // namespace rendition::ui
