#include "core/queue/WatchFolder.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFileInfo>

namespace rendition {

WatchFolder::WatchFolder(QString dir, int settleMs, int pollMs, QObject *parent)
    : QObject(parent), m_dir(std::move(dir)), m_settleMs(settleMs)
{
    m_timer.setInterval(pollMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { scanOnce(); });
}

void WatchFolder::start()
{
    scanOnce();
    m_timer.start();
}

void WatchFolder::stop() { m_timer.stop(); }

int WatchFolder::scanOnce()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int settled = 0;
    QSet<QString> present;
    QDirIterator it(m_dir, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.fileName().startsWith(u'.')) continue;
        present.insert(path);
        const qint64 size = info.size();
        const qint64 mtime = info.lastModified().toMSecsSinceEpoch();
        Seen &s = m_seen[path];
        if (s.size != size || s.mtimeMs != mtime) { // new or still growing
            s = Seen{size, mtime, now};
            continue;
        }
        if (size <= 0 || now - s.unchangedSinceMs < m_settleMs) continue;
        const QString key = path + u'|' + QString::number(size) + u'|' + QString::number(mtime);
        if (m_reported.contains(key)) continue;
        m_reported.insert(key);
        ++settled;
        Q_EMIT fileSettled(path, size, mtime);
    }
    for (auto i = m_seen.begin(); i != m_seen.end();) i = present.contains(i.key()) ? std::next(i) : m_seen.erase(i);
    return settled;
}

} // namespace rendition
