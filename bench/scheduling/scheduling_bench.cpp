// bench/scheduling: per-job scheduling overhead of the WorkerPool (see SchedulingRun.h).
//   scheduling_bench CLI SOURCE [JOBS=200] [SLOTS=2]
// Prints mean/p50/p95/max of claim→start, exit→store and the slot gap; goal < 20 ms per job.
// Exit 0 when every job succeeded, 1 otherwise, 2 usage.

#include "bench/scheduling/SchedulingRun.h"

#include <QTemporaryDir>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout), err(stderr);
    if (args.size() < 3) {
        err << "usage: scheduling_bench path/to/rendition-cli SOURCE [JOBS] [SLOTS]\n";
        return 2;
    }
    QTemporaryDir work(QDir::temp().filePath(QStringLiteral("rendition-bench-scheduling.XXXXXX")));
    rendition::bench::SchedulingConfig config;
    config.cli = args.at(1);
    config.source = args.at(2);
    config.workDir = work.path();
    config.jobs = std::max(1, args.value(3, QStringLiteral("200")).toInt());
    config.slots = std::max(1, args.value(4, QStringLiteral("2")).toInt());
    const rendition::bench::SchedulingFigures f = rendition::bench::runScheduling(config);
    if (!f.error.isEmpty()) {
        err << "scheduling_bench: " << f.error << '\n';
        return 1;
    }
    rendition::bench::printFigures(out, config, f);
    return f.failed == 0 ? 0 : 1;
}
