#pragma once
// The links between panels, kept out of MainWindow so that it only composes:
//   ingest selection        → the preset editor's dry-run assets;
//   ingest current asset    → the preview (opened when the Preview tab is shown);
//   queue selection         → the preview and the QC review of that job's published version
//                             (opened when their tab is shown; the review falls back to the
//                             newest published job);
//   QC review decisions     → the job store (Approval);
//   reviewVersion()         → the QC review of a version chosen from outside (rendition --review).
// Panels are borrowed (children of the window); the Workspace must outlive this object.
// GUI thread only.

#include "core/util/Result.h"

#include <QObject>
#include <QString>

#include <memory>

class QTabWidget;

namespace rendition {
class Approval;
}

namespace rendition::ui {

class IngestPanel;
class PresetEditorPanel;
class PreviewPanel;
class QcReviewPanel;
class QueuePanel;
class Workspace;

struct Panels {
    IngestPanel *ingest = nullptr;
    PreviewPanel *preview = nullptr;
    PresetEditorPanel *presets = nullptr;
    QueuePanel *queue = nullptr;
    QcReviewPanel *review = nullptr;
};

class PanelLinks : public QObject {
    Q_OBJECT
public:
    PanelLinks(Workspace &workspace, const Panels &panels, QTabWidget &tabs, QObject *parent);
    ~PanelLinks() override;

    // The version folder the preview / review will show next (empty: nothing chosen yet).
    QString chosenVersion() const { return m_version; }
    // Opens `versionDir` in the QC review now and makes it the chosen version (so showing the
    // tab again does not replace it), whether or not the store knows the job. Returns the
    // review's error (naming the missing or broken file).
    Status reviewVersion(const QString &versionDir);

Q_SIGNALS:
    void message(const QString &text); // for the status bar

private:
    void onTabShown(QWidget *panel);
    void onQueueSelection();
    QString newestPublishedVersion() const;

    Workspace &m_workspace;
    Panels m_panels;
    std::unique_ptr<Approval> m_approval;
    QString m_source;        // ingest's current asset
    QString m_version;       // the queue's selected job's version folder
    bool m_sourceIsNewer = false; // the last choice was an ingest asset, not a job
    QString m_previewShown;  // what the preview has open
    QString m_reviewShown;   // what the review has open
};

} // namespace rendition::ui
