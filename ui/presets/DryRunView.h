#pragma once
// The preset editor's dry run: for the selected assets (given by the ingest panel through
// setAssets(), or added here with "Add files…") and the preset being edited, what would be
// made — planned renditions, skipped rungs and why, the encoder each rung would use (with the
// hardware fallback), and ESTIMATED output size and time (core/pipeline/DryRun.h documents the
// models). Probing and encoder probing run on the view's own thread pool (QtConcurrent::mapped
// + QFutureWatcher); results are added to the table as each asset finishes.
// A new run cancels the previous one; so does destroying the view (the pool then waits for
// the probes in flight, which stop at their next cancel check).

#include "core/model/Preset.h"
#include "core/pipeline/DryRun.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QWidget>

#include <functional>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace rendition::ui {

class DryRunView : public QWidget {
    Q_OBJECT
public:
    enum Column {
        AssetColumn = 0,
        RenditionColumn,
        SizeColumn,
        EncoderColumn,
        RateColumn,
        BytesColumn,
        TimeColumn,
        StatusColumn,
        ColumnCount
    };

    explicit DryRunView(QWidget *parent = nullptr);
    ~DryRunView() override;

    // Where run() gets the preset: the editor's current document (an error when it is invalid).
    void setPresetSource(std::function<Result<Preset>()> source);
    // Encoder selection for runs (tests); empty = chooseEncoder, which probes hardware.
    void setEncoderResolver(EncoderResolver resolver);

    QStringList assets() const { return m_assets; }
    QStandardItemModel *results() const { return m_results; }
    bool isRunning() const { return m_watcher.isRunning(); }
    QString summary() const;

public Q_SLOTS:
    void setAssets(const QStringList &paths);
    void addFiles(); // file dialog
    void run();
    void cancel();

Q_SIGNALS:
    void finished(); // a run ended (all assets done, or canceled, or refused)

private:
    void showResult(int index);
    void addRow(const QStringList &cells, bool problem);
    void onFinished();
    void updateButtons();

    std::function<Result<Preset>()> m_presetSource;
    EncoderResolver m_resolver;
    QStringList m_assets;
    QStringList m_running; // assets of the current run, by result index
    CancelToken m_cancel;
    QThreadPool m_pool;
    QFutureWatcher<DryRunResult> m_watcher;
    qint64 m_totalBytes = 0;
    double m_totalSeconds = 0;
    int m_renditions = 0;
    int m_skipped = 0;
    int m_rejected = 0;

    QListWidget *m_assetList = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QStandardItemModel *m_results = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace rendition::ui
