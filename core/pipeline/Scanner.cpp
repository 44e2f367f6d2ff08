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
        const QFileInfo info(input);
        if (info.isDir()) {
            QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            QStringList found;
            while (it.hasNext()) found << it.next();
            found.sort();
            for (const QString &f : found)
                if (!QFileInfo(f).fileName().startsWith(u'.')) out.append({f, false});
        } else {
            out.append({info.absoluteFilePath(), true});
        }
    }
    return out;
}

} // namespace

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
        const bool notMedia = r.hasProblem(QString::fromLatin1(problem::NotMedia)) || r.hasProblem(QString::fromLatin1(problem::EmptyFile));
        if (!candidates[i].explicitInput && notMedia) result.ignored << r.path;
        else if (r.hasFatal()) result.rejected << r;
        else result.media << r;
    }
    return result;
}

} // namespace rendition
