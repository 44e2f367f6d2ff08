#pragma once
// The queue panel's responsiveness measurement (issue #6 item 9), header-only so that both
// bench/gui/queue_bench.cpp (10,000 jobs, `make bench`) and tests/gui/tst_queuepanel.cpp
// (a 2,000-job version that prints its figures, never asserts them) run the same code.
//
// What is measured, on the GUI thread with the panel shown (offscreen):
//   - event-loop gaps: a 10 ms Qt::PreciseTimer; the largest interval between two ticks
//     (goal ≤ 50 ms) plus p99 and mean, while jobs report progress;
//   - sorting: QTableView::sortByColumn for every column, ascending then descending, and the
//     view's synchronous repaint — goal < 100 ms each;
//   - filtering: text filters (a match, no match) and every state filter, with the repaint —
//     goal < 100 ms.
// Progress can be simulated (SimulatedRunners: 10 events/s per job into the panel's model,
// and the stage written to the store every 2 s as the pool does) or come from real children
// (a started WorkerPool).
//
// Threading: GUI thread; every function runs nested event loops and returns the figures.

#include "core/queue/JobStore.h"
#include "ui/queue/QueueFeed.h"
#include "ui/queue/QueuePanel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace rendition::bench {

struct GapStats {
    double maxMs = 0;  // largest interval between two ticks of the 10 ms timer
    double p99Ms = 0;
    double meanMs = 0;
    int ticks = 0;
};

// Runs the event loop for `durationMs` with a 10 ms precise timer and returns the intervals.
inline GapStats measureEventLoopGaps(int durationMs)
{
    std::vector<double> gaps;
    gaps.reserve(size_t(durationMs / 10 + 16));
    QElapsedTimer clock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(10);
    qint64 lastNs = -1;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastNs >= 0) gaps.push_back((now - lastNs) / 1e6);
        lastNs = now;
    });
    QEventLoop loop;
    QTimer::singleShot(durationMs, &loop, &QEventLoop::quit);
    clock.start();
    tick.start();
    loop.exec();
    tick.stop();
    GapStats s;
    if (gaps.empty()) return s;
    s.ticks = int(gaps.size());
    double sum = 0;
    for (double g : gaps) sum += g;
    s.meanMs = sum / double(gaps.size());
    std::sort(gaps.begin(), gaps.end());
    s.maxMs = gaps.back();
    s.p99Ms = gaps[std::min(gaps.size() - 1, size_t(double(gaps.size()) * 0.99))];
    return s;
}

// `count` copies of `base` with fresh ids, their sources cycling through `sources` (each a
// copy of base's source file, so the idempotency key still matches).
inline QList<JobSpec> cloneSpecs(const JobSpec &base, int count, const QStringList &sources)
{
    QList<JobSpec> specs;
    specs.reserve(count);
    for (int i = 0; i < count; ++i) {
        JobSpec s = base;
        s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!sources.isEmpty()) s.source.uri = QUrl::fromLocalFile(sources.at(i % sources.size())).toString();
        specs.append(std::move(s));
    }
    return specs;
}

// Pretends `jobIds` run: 10 progress events/s each into the panel's model (as the pool's
// jobProgress would deliver them), the stage advancing every 2 s and written to the store
// (as the pool records a new stage) — so the feed's poll sees store changes too.
class SimulatedRunners {
public:
    SimulatedRunners(JobStore &store, ui::QueueModel &model, QStringList jobIds) : m_store(store), m_model(model), m_ids(std::move(jobIds))
    {
        m_timer.setInterval(100);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { step(); });
    }
    void start()
    {
        for (const QString &id : m_ids) (void)m_store.setState(id, JobState::Running, QStringLiteral("verify"));
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    int events() const { return m_events; }
    double maxStoreWriteMs() const { return m_maxWriteMs; } // the GUI thread's stage writes (as the pool's)
    QList<Error> errors() const { return m_errors; }

private:
    void step()
    {
        static const QStringList stages{QStringLiteral("verify"), QStringLiteral("loudness"), QStringLiteral("transcode"),
                                        QStringLiteral("package"), QStringLiteral("qc")};
        const qint64 ms = m_clock.elapsed();
        const int stageIndex = int(ms / 2000) % int(stages.size());
        const QString stage = stages.at(stageIndex);
        for (const QString &id : m_ids) {
            ProgressEvent e;
            e.stage = stage;
            e.percent = double(ms % 2000) / 20.0;
            e.fps = 120 + double(ms % 7);
            e.etaSeconds = double(2000 - ms % 2000) / 1000.0 + 2.0 * double(stages.size() - 1 - stageIndex);
            m_model.applyProgress(id, e);
            ++m_events;
            if (stageIndex != m_lastStage) {
                QElapsedTimer write;
                write.start();
                if (Status s = m_store.setState(id, JobState::Running, stage); !s) m_errors.append(s.error());
                m_maxWriteMs = std::max(m_maxWriteMs, write.nsecsElapsed() / 1e6);
            }
        }
        m_lastStage = stageIndex;
    }

    JobStore &m_store;
    ui::QueueModel &m_model;
    QStringList m_ids;
    QTimer m_timer;
    QElapsedTimer m_clock;
    int m_lastStage = -1;
    int m_events = 0;
    double m_maxWriteMs = 0;
    QList<Error> m_errors;
};

struct TimedStep {
    QString what;
    double ms = 0;
    int rows = 0; // rows shown afterwards
};

// Sorting by every column, ascending then descending (up to the repaint); ends in run order.
inline QList<TimedStep> measureSorts(ui::QueuePanel &panel)
{
    QList<TimedStep> steps;
    QTableView *view = panel.view();
    const ui::QueueModel *model = panel.model();
    for (int c = 0; c < ui::QueueModel::ColumnCount; ++c) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            QElapsedTimer t;
            t.start();
            view->sortByColumn(c, order);
            view->viewport()->repaint();
            steps.append({QStringLiteral("sort %1 %2").arg(model->headerData(c, Qt::Horizontal).toString(),
                                                          order == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc")),
                          t.nsecsElapsed() / 1e6, panel.proxy()->rowCount()});
        }
    }
    view->sortByColumn(ui::QueueModel::Priority, Qt::AscendingOrder);
    QCoreApplication::processEvents();
    return steps;
}

// Text filters and every state filter (each up to the repaint); ends unfiltered.
inline QList<TimedStep> measureFilters(ui::QueuePanel &panel, const QString &matchingText)
{
    QList<TimedStep> steps;
    auto timed = [&](const QString &what, const std::function<void()> &apply) {
        QElapsedTimer t;
        t.start();
        apply();
        panel.view()->viewport()->repaint();
        steps.append({what, t.nsecsElapsed() / 1e6, panel.proxy()->rowCount()});
    };
    timed(QStringLiteral("text \"%1\"").arg(matchingText), [&] { panel.setTextFilter(matchingText); });
    timed(QStringLiteral("text \"no-such-job\""), [&] { panel.setTextFilter(QStringLiteral("no-such-job")); });
    timed(QStringLiteral("text cleared"), [&] { panel.setTextFilter(QString()); });
    const QList<std::pair<ui::StateFilter, QString>> states{{ui::StateFilter::Active, QStringLiteral("state active")},
                                                            {ui::StateFilter::Done, QStringLiteral("state done")},
                                                            {ui::StateFilter::DeadLetters, QStringLiteral("state dead letters")},
                                                            {ui::StateFilter::WaitingForApproval, QStringLiteral("state waiting")},
                                                            {ui::StateFilter::All, QStringLiteral("state all")}};
    for (const auto &[filter, name] : states) timed(name, [&] { panel.setStateFilter(filter); });
    return steps;
}

inline QString formatSteps(const QList<TimedStep> &steps, double goalMs)
{
    QString out;
    double worst = 0;
    for (const TimedStep &s : steps) {
        out += QStringLiteral("  %1 %2 ms (%3 rows)\n").arg(s.what, -34).arg(s.ms, 7, 'f', 1).arg(s.rows);
        worst = std::max(worst, s.ms);
    }
    out += QStringLiteral("  worst %1 ms — goal < %2 ms: %3\n").arg(worst, 0, 'f', 1).arg(goalMs).arg(worst < goalMs ? QStringLiteral("met") : QStringLiteral("MISSED"));
    return out;
}

inline QString formatGaps(const QString &what, const GapStats &g, double goalMs)
{
    return QStringLiteral("  %1: max gap %2 ms, p99 %3 ms, mean %4 ms over %5 ticks — goal ≤ %6 ms: %7\n")
        .arg(what)
        .arg(g.maxMs, 0, 'f', 1)
        .arg(g.p99Ms, 0, 'f', 1)
        .arg(g.meanMs, 0, 'f', 1)
        .arg(g.ticks)
        .arg(goalMs)
        .arg(g.maxMs <= goalMs ? QStringLiteral("met") : QStringLiteral("MISSED"));
}

} // namespace rendition::bench
