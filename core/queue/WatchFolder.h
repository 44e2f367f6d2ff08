#pragma once
// Watches a folder (recursively, hidden files ignored) by polling: a file is reported once it
// has stopped growing — same size and modification time for `settleMs` — and is not empty.
// Each (path, size, mtime) is reported at most once per WatchFolder; exactly-once across
// restarts is the caller's job (JobStore::isWatchedFileQueued / recordWatchedFile, keyed by
// the content hash as well). Lives in the caller's thread; a QTimer drives it (no busy wait).

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

namespace rendition {

class WatchFolder : public QObject {
    Q_OBJECT
public:
    WatchFolder(QString dir, int settleMs, int pollMs, QObject *parent);

    void start();
    void stop();
    // One scan now (also used by start()); returns how many files settled in this scan.
    int scanOnce();

Q_SIGNALS:
    void fileSettled(const QString &path, qint64 size, qint64 mtimeMs);

private:
    struct Seen {
        qint64 size = -1;
        qint64 mtimeMs = 0;
        qint64 unchangedSinceMs = 0;
    };
    QString m_dir;
    int m_settleMs;
    QTimer m_timer;
    QHash<QString, Seen> m_seen;
    QSet<QString> m_reported; // "path|size|mtime"
};

} // namespace rendition
