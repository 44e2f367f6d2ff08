#pragma once
// Finds and probes the media among dropped files and folders without blocking the GUI
// thread. Folders are walked recursively (hidden files skipped) and every file is probed —
// media is recognised by its content, not its extension. As with the CLI's Scanner, files
// inside folders that are not media at all are ignored (counted); files named explicitly are
// always reported, with their problems.
//
// Threading: the object lives on the GUI thread. Walking and probing run on a private
// QThreadPool with a bounded number of threads; results are collected under a mutex and
// handed over in batches by a GUI-thread timer (every kFlushMs), so 1,000 files cost the GUI
// a few dozen small model updates, not 1,000. Probes skip the SHA-256 (computed when a file
// is queued). cancel() stops pending probes and aborts running ones (CancelToken); results
// of a canceled scan are dropped. The destructor cancels and waits.

#include "core/model/ProbeResult.h"
#include "core/util/Progress.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace rendition::ui {

class IngestScanner : public QObject {
    Q_OBJECT
public:
    static constexpr int kFlushMs = 100;
    static constexpr int kMaxRowsPerFlush = 200; // bounds the GUI thread's work per tick

    explicit IngestScanner(QObject *parent);
    ~IngestScanner() override;

    // How often found rows and progress are handed to the GUI (default kFlushMs).
    void setFlushIntervalMs(int ms) { m_flushTimer.setInterval(std::max(1, ms)); }

    // At most this many rows per `found` batch; the rest follow on the next ticks.
    void setMaxRowsPerFlush(int rows) { m_maxRowsPerFlush = std::max(1, rows); }

    // Probe threads (default: ideal thread count, at most 4).
    void setMaxThreads(int threads);
    int maxThreads() const { return m_pool.maxThreadCount(); }

    // Starts a scan of `inputs` (files and folders), or adds them to the running one.
    void scan(const QStringList &inputs);
    void cancel();
    bool isRunning() const { return bool(m_session); }

Q_SIGNALS:
    // A batch of probed files: media (with or without problems) and explicit non-media inputs.
    void found(const QList<rendition::ProbeResult> &results);
    // done of total files probed so far; etaSeconds −1 while unknown (still walking).
    void progress(int done, int total, double etaSeconds);
    // The scan ended: `ignored` non-media files found in folders; canceled when cancel() ended it.
    void finished(int probed, int ignored, bool canceled);

private:
    struct Session;
    void flush();

    QThreadPool m_pool;
    QTimer m_flushTimer;
    std::shared_ptr<Session> m_session; // null when idle
    int m_maxRowsPerFlush = kMaxRowsPerFlush;
};

} // namespace rendition::ui
