#include "ui/ingest/IngestScanner.h"

#include "core/media/Probe.h"
#include "core/pipeline/Scanner.h"

#include <QMutex>

#include <algorithm>

namespace rendition::ui {

// Shared by the GUI thread and the tasks of one scan; tasks hold it by shared_ptr, so a
// canceled session outlives the scanner's interest in it safely.
struct IngestScanner::Session {
    CancelToken cancel;
    QElapsedTimer clock;
    QMutex mutex;             // guards everything below
    QList<ProbeResult> ready; // probed, not yet handed to the GUI
    int total = 0;            // files to probe (grows while walking)
    int done = 0;
    int ignored = 0;
    int walking = 0;          // walks still running
    bool walkedOnce = false;  // the first walk ended: total is meaningful for an ETA
};

IngestScanner::IngestScanner(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(std::clamp(QThread::idealThreadCount(), 1, 4));
    m_flushTimer.setInterval(kFlushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &IngestScanner::flush);
}

IngestScanner::~IngestScanner()
{
    if (m_session) m_session->cancel.cancel();
    m_pool.clear();
    m_pool.waitForDone();
}

void IngestScanner::setMaxThreads(int threads) { m_pool.setMaxThreadCount(std::max(1, threads)); }

void IngestScanner::scan(const QStringList &inputs)
{
    if (inputs.isEmpty()) return;
    if (!m_session) {
        m_session = std::make_shared<Session>();
        m_session->clock.start();
        m_flushTimer.start();
    }
    std::shared_ptr<Session> s = m_session;
    {
        QMutexLocker lock(&s->mutex);
        ++s->walking;
    }
    QThreadPool *pool = &m_pool;
    // The walk runs on the pool too: a large tree must not stall the GUI.
    m_pool.start([s, inputs, pool] {
        for (const QString &input : inputs) {
            bool explicitFile = false;
            const QStringList files = expandInput(input, &explicitFile); // the scanner's one expansion
            {
                QMutexLocker lock(&s->mutex);
                s->total += int(files.size());
            }
            for (const QString &path : files) {
                if (s->cancel.isCanceled()) break;
                pool->start([s, path, explicitFile] {
                    if (s->cancel.isCanceled()) return;
                    ProbeOptions options;
                    options.hash = HashMode::Skip;
                    ProbeResult r = probe(path, options, s->cancel);
                    QMutexLocker lock(&s->mutex);
                    ++s->done;
                    if (!explicitFile && isIgnorableInFolder(r)) ++s->ignored;
                    else s->ready << std::move(r);
                });
            }
        }
        QMutexLocker lock(&s->mutex);
        --s->walking;
        s->walkedOnce = true;
    });
}

void IngestScanner::cancel()
{
    if (!m_session) return;
    m_session->cancel.cancel();
    m_pool.clear(); // probes not started yet never run; running ones see the token
    std::shared_ptr<Session> s = std::exchange(m_session, nullptr);
    m_flushTimer.stop();
    int done = 0, ignored = 0;
    {
        QMutexLocker lock(&s->mutex);
        done = s->done;
        ignored = s->ignored;
    }
    Q_EMIT finished(done, ignored, true);
}

void IngestScanner::flush()
{
    if (!m_session) return;
    std::shared_ptr<Session> s = m_session;
    QList<ProbeResult> ready;
    int done = 0, total = 0, ignored = 0;
    bool walking = false, walkedOnce = false, more = false;
    {
        QMutexLocker lock(&s->mutex);
        if (s->ready.size() > m_maxRowsPerFlush) {
            ready = s->ready.mid(0, m_maxRowsPerFlush);
            s->ready.remove(0, m_maxRowsPerFlush);
            more = true;
        } else {
            ready.swap(s->ready);
        }
        done = s->done;
        total = s->total;
        ignored = s->ignored;
        walking = s->walking > 0;
        walkedOnce = s->walkedOnce;
    }
    if (!ready.isEmpty()) Q_EMIT found(ready);
    double eta = -1;
    if (walkedOnce && done > 0 && total > done)
        eta = s->clock.elapsed() / 1000.0 / done * (total - done);
    Q_EMIT progress(done, total, eta);
    if (!walking && done >= total && !more) {
        m_session.reset();
        m_flushTimer.stop();
        Q_EMIT finished(done, ignored, false);
    }
}

} // namespace rendition::ui
