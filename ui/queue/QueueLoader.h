#pragma once
// Reads the job store for the queue panel on a background thread, so the GUI thread
// never waits for SQLite or the file system:
//   start():   opens a JobSnapshotReader (its own connection), reads every job once
//              → loaded(); then polls every `pollMs`: when PRAGMA data_version says another
//              connection wrote (the pool in this process, a CLI in another), reads the
//              small columns of every job and emits only the rows that changed → changed();
//   refresh(): polls now (after an action or a pool signal);
//   manifests: for published jobs, reads manifest.json's rendition encoders ("libx264",
//              "h264_nvenc (fallback)") in chunks between polls → encodersResolved().
// Errors (unreadable store, failed query) → failed(); polling goes on.
//
// Threading: construct on any thread, moveToThread() the worker thread, then invoke
// start() there; call stop() in that thread (BlockingQueuedConnection) before the thread
// ends: the reader's connection must be closed by the thread that opened it.

#include "core/queue/JobSnapshotReader.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>

class QTimer;

namespace rendition::ui {

class QueueLoader : public QObject {
    Q_OBJECT
public:
    QueueLoader(QString storePath, int pollMs);
    ~QueueLoader() override;

    static constexpr int kManifestsPerTurn = 200;

    // Distinct video encoders of a published version ("libx264", "h264_nvenc (fallback)"),
    // empty when the manifest cannot be read.
    static QString encodersFromManifest(const QString &versionDir);

public Q_SLOTS:
    void start();
    void refresh();
    void stop();

Q_SIGNALS:
    void loaded(const QList<rendition::JobSnapshot> &jobs, const QList<rendition::BatchInfo> &batches, qint64 readMs);
    void changed(const QList<rendition::JobSnapshot> &changed, const QStringList &removed,
                 const QList<rendition::BatchInfo> &batches);
    void encodersResolved(const QHash<QString, QString> &encoderByJob);
    void failed(const rendition::Error &error);

private:
    void poll(bool force);
    void queueManifests(const QList<JobSnapshot> &jobs);
    void resolveManifests();

    QString m_storePath;
    int m_pollMs;
    std::unique_ptr<JobSnapshotReader> m_reader;
    QTimer *m_timer = nullptr;
    QTimer *m_manifestTimer = nullptr;
    QList<std::pair<QString, QString>> m_pendingManifests; // job id, version folder
    QSet<QString> m_knownBatches;
};

} // namespace rendition::ui
