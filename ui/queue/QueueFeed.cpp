#include "ui/queue/QueueFeed.h"

#include "core/queue/WorkerPool.h"

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>

namespace rendition::ui {

QueueFeed::QueueFeed(const QString &storePath, QueueModel *model, WorkerPool *pool, int pollMs, QObject *parent)
    : QObject(parent), m_model(model), m_loader(new QueueLoader(storePath, pollMs)), m_refresh(new QTimer(this))
{
    qRegisterMetaType<QList<rendition::JobSnapshot>>();
    qRegisterMetaType<QList<rendition::BatchInfo>>();
    qRegisterMetaType<rendition::Error>();
    m_thread.setObjectName(QStringLiteral("rendition.queue.loader"));
    m_loader->moveToThread(&m_thread);

    connect(m_loader, &QueueLoader::loaded, this, [this](const QList<JobSnapshot> &jobs, const QList<BatchInfo> &batches, qint64 readMs) {
        QElapsedTimer clock;
        clock.start();
        m_model->setBatches(batches);
        m_model->resetJobs(jobs);
        m_loadApplyMs = clock.nsecsElapsed() / 1e6;
        m_loaded = true;
        m_lastReadMs = readMs;
        Q_EMIT loaded(int(jobs.size()), readMs);
    });
    connect(m_loader, &QueueLoader::changed, this,
            [this](const QList<JobSnapshot> &rows, const QStringList &removed, const QList<BatchInfo> &batches) {
                QElapsedTimer clock;
                clock.start();
                if (!batches.isEmpty()) m_model->setBatches(batches);
                m_model->applyChanges(rows, removed);
                m_maxChangeApplyMs = std::max(m_maxChangeApplyMs, clock.nsecsElapsed() / 1e6);
                Q_EMIT changed();
            });
    connect(m_loader, &QueueLoader::encodersResolved, m_model, &QueueModel::setEncoders);
    connect(m_loader, &QueueLoader::failed, this, &QueueFeed::errorOccurred);

    m_refresh->setSingleShot(true);
    m_refresh->setInterval(kRefreshDelayMs);
    connect(m_refresh, &QTimer::timeout, m_loader, &QueueLoader::refresh);

    if (pool) {
        connect(pool, &WorkerPool::jobStarted, this, [this](const QString &id, int attempt, qint64) {
            m_model->markStarted(id, attempt);
            refresh();
        });
        connect(pool, &WorkerPool::jobProgress, m_model, &QueueModel::applyProgress);
        connect(pool, &WorkerPool::attemptFailed, this, [this](const QString &id, int, const Error &, qint64) {
            m_model->clearProgress(id);
            refresh();
        });
        connect(pool, &WorkerPool::jobFinished, this, [this](const QString &, JobOutcome, const Error &) { refresh(); });
        connect(pool, &WorkerPool::storeError, this, &QueueFeed::errorOccurred);
    }
}

QueueFeed::~QueueFeed()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(m_loader, &QueueLoader::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    delete m_loader;
}

void QueueFeed::start()
{
    if (m_thread.isRunning()) return;
    m_thread.start();
    QMetaObject::invokeMethod(m_loader, &QueueLoader::start, Qt::QueuedConnection);
}

void QueueFeed::refresh()
{
    if (!m_refresh->isActive()) m_refresh->start();
}

} // namespace rendition::ui
