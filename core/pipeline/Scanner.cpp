#include "core/pipeline/Scanner.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentMap>

#include <atomic>

namespace rendition {

namespace {

struct Candidate {
    QString path;
    bool explicitInput = false;
};

QList<Candidate> expand(const QStringList &inputs)
{
    QList<Candidate> out;
    for (const QString &input : inputs) {
        bool explicitFile = false;
        for (const QString &f : expandInput(input, &explicitFile)) out.append({f, explicitFile});
    }
    return out;
}

} // namespace

QStringList expandInput(const QString &input, bool *explicitFile)
{
    const QFileInfo info(input);
    *explicitFile = !info.isDir();
    if (*explicitFile) return {info.absoluteFilePath()};
    QStringList found;
    QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!it.fileName().startsWith(u'.')) found << path;
    }
    found.sort();
    return found;
}

bool isIgnorableInFolder(const ProbeResult &probe)
{
    return probe.hasProblem(QString::fromLatin1(problem::NotMedia)) || probe.hasProblem(QString::fromLatin1(problem::EmptyFile));
}

ScanResult scanInputs(const QStringList &inputs, const ProbeOptions &options, const ProgressSink &progress,
                      const CancelToken &cancel)
{
    const QList<Candidate> candidates = expand(inputs);
    std::atomic<int> done{0};
    const int total = int(candidates.size());
    const QList<ProbeResult> probes = QtConcurrent::blockingMapped(candidates, [&](const Candidate &c) {
        ProbeResult r = probe(c.path, options, cancel);
        const int n = ++done;
        if (progress) {
            ProgressEvent e;
            e.stage = QStringLiteral("scan");
            e.item = c.path;
            e.percent = 100.0 * n / std::max(1, total);
            progress(e);
        }
        return r;
    });
    ScanResult result;
    for (int i = 0; i < candidates.size(); ++i) {
        const ProbeResult &r = probes.at(i);
        if (!candidates[i].explicitInput && isIgnorableInFolder(r)) result.ignored << r.path;
        else if (r.hasFatal()) result.rejected << r;
        else result.media << r;
    }
    return result;
}

} // namespace rendition
