#pragma once
// The GUI thread while files are queued (issue #14): Workspace::enqueueFiles() of `count`
// distinct small WAV files into a store that already holds many jobs, with the GUI thread's
// event-loop gaps measured by a 10 ms precise timer from the call until batchQueued.
// Header-only so bench/gui/queue_bench.cpp (1,000 files into 10,000 jobs, `make bench`) and
// tests/gui/tst_enqueuestall.cpp (a smaller version that prints its figures) share it.
//
// Threading: GUI thread; runs a nested event loop.

#include "bench/gui/QueueResponsiveness.h"
#include "ui/common/Workspace.h"

#include <QDataStream>
#include <QDir>
#include <QFile>

namespace rendition::bench {

// `count` distinct 0.1 s mono 16-bit 48 kHz WAV files (9.6 kB each) in `dir`: valid media
// whose contents differ (so every file is its own job).
inline QStringList makeDistinctWavs(const QString &dir, int count)
{
    QDir().mkpath(dir);
    QStringList files;
    constexpr int kRate = 48000, kSamples = 4800;
    for (int i = 0; i < count; ++i) {
        const QString path = QDir(dir).filePath(QStringLiteral("take-%1.wav").arg(i, 5, 10, QLatin1Char('0')));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return {};
        QDataStream s(&f);
        s.setByteOrder(QDataStream::LittleEndian);
        s.writeRawData("RIFF", 4);
        s << quint32(36 + kSamples * 2);
        s.writeRawData("WAVEfmt ", 8);
        s << quint32(16) << quint16(1) << quint16(1) << quint32(kRate) << quint32(kRate * 2) << quint16(2) << quint16(16);
        s.writeRawData("data", 4);
        s << quint32(kSamples * 2);
        for (int n = 0; n < kSamples; ++n) s << qint16(((n * (i + 7)) % 2000) - 1000); // a different tone per file
        files << path;
    }
    return files;
}

struct EnqueueStall {
    GapStats gaps;
    double wallMs = 0;
    int queued = 0;
    int notQueued = 0;
    QString failure; // queueFailed's message, or a time-out
};

inline EnqueueStall measureEnqueueStall(ui::Workspace &ws, const QStringList &files, const QString &preset, int timeoutMs)
{
    EnqueueStall r;
    std::vector<double> gaps;
    QElapsedTimer clock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(10);
    qint64 lastNs = 0; // from the start: a blocking enqueueFiles() call shows as the first gap
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back((now - lastNs) / 1e6);
        lastNs = now;
    });
    QEventLoop loop;
    const QMetaObject::Connection done =
        QObject::connect(&ws, &ui::Workspace::batchQueued, &loop, [&](const QString &, int jobs, const QStringList &notQueued) {
            r.queued = jobs;
            r.notQueued = int(notQueued.size());
            loop.quit();
        });
    const QMetaObject::Connection failed = QObject::connect(&ws, &ui::Workspace::queueFailed, &loop, [&](const QString &why) {
        r.failure = why;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        r.failure = QStringLiteral("timed out");
        loop.quit();
    });
    clock.start();
    tick.start();
    ws.enqueueFiles(files, preset); // the call itself is inside the measured window
    loop.exec();
    r.wallMs = clock.nsecsElapsed() / 1e6;
    tick.stop();
    QObject::disconnect(done);
    QObject::disconnect(failed);
    if (!gaps.empty()) {
        std::sort(gaps.begin(), gaps.end());
        r.gaps.ticks = int(gaps.size());
        r.gaps.maxMs = gaps.back();
        r.gaps.p99Ms = gaps[std::min(gaps.size() - 1, size_t(double(gaps.size()) * 0.99))];
        double sum = 0;
        for (double g : gaps) sum += g;
        r.gaps.meanMs = sum / double(gaps.size());
    }
    return r;
}

} // namespace rendition::bench
