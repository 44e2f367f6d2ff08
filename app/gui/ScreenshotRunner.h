#pragma once
// `rendition --screenshots DIR INPUT...`: drives the real window through a short session —
// ingest the inputs, queue the usable ones as a batch with the web-h264-ladder preset, wait until
// the worker pool is idle — then writes a PNG of the window showing each panel into DIR
// (ingest.png, queue.png, …) and quits. Used by `make screenshots` under Xvfb. Packages go
// to <data dir>/screenshot-out; nothing is persisted in the user's settings.
// Event driven (signals and single-shot timers), never a busy wait; gives up after kTimeoutMs.

#include <QObject>
#include <QString>

namespace rendition::ui {
class MainWindow;
class Workspace;
} // namespace rendition::ui

class ScreenshotRunner : public QObject {
    Q_OBJECT
public:
    static constexpr int kTimeoutMs = 10 * 60 * 1000;
    static constexpr int kSettleMs = 1500; // let a panel lay out and load before it is captured

    ScreenshotRunner(rendition::ui::MainWindow &window, rendition::ui::Workspace &workspace, QString outDir, QObject *parent);

    void start();
    bool succeeded() const { return m_succeeded; }

private:
    void onScanned();
    void onQueued(int jobs);
    void captureFrom(int tab);
    void fail(const QString &why);

    rendition::ui::MainWindow &m_window;
    rendition::ui::Workspace &m_workspace;
    QString m_outDir;
    bool m_succeeded = false;
    bool m_done = false;
};
