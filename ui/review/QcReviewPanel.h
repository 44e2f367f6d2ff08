#pragma once
// QC review of a finished job's version folder: the sprite strip, the loudness curve
// (momentary / short-term against the target band), the bitrate of every segment of every
// rendition, the QC events (clicking one emits seekRequested and the embedded preview seeks
// there), rendition A/B at the same timestamp, and approve / reject.
//
// Approve / reject always emit approveRequested / rejectRequested. When an Approval backend
// is set (core/queue/Approval, on the store's thread = the GUI thread), the panel also records
// the decision for the job whose published folder is this version (moving `current` on
// approve) and reports the outcome in the panel.
//
// Reading the version (a few small JSON files and a directory stat) happens in openVersion;
// sprite sheets load and renditions decode on worker threads.

#include "core/preview/VersionPackage.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace rendition {
class Approval;
}

namespace rendition::ui {

class AbCompare;
class BitrateChart;
class LoudnessChart;
class PreviewPanel;
class SpriteStrip;

class QcReviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit QcReviewPanel(QWidget *parent = nullptr);

    // Loads the version; on error the panel is emptied and shows the error (which names the
    // missing or broken file) and the error is returned.
    Status openVersion(const QString &versionDir);
    QString versionDir() const { return m_package ? m_package->versionDir() : QString(); }
    const std::optional<VersionPackage> &package() const { return m_package; }

    // Optional: records decisions in the job store. Not owned; must outlive the panel or be reset.
    void setApproval(Approval *approval) { m_approval = approval; }

    PreviewPanel *preview() const { return m_preview; }
    QTreeWidget *eventList() const { return m_events; }
    SpriteStrip *spriteStrip() const { return m_strip; }
    LoudnessChart *loudnessChart() const { return m_loudness; }
    QComboBox *loudnessCurveChoice() const { return m_curveChoice; }
    BitrateChart *bitrateChart() const { return m_bitrate; }
    AbCompare *abCompare() const { return m_ab; }
    QString statusText() const;

public Q_SLOTS:
    void approve();
    void reject(const QString &reason);

Q_SIGNALS:
    void seekRequested(qint64 positionMs);
    void approveRequested(const QString &versionDir);
    void rejectRequested(const QString &versionDir, const QString &reason);
    void errorOccurred(const QString &message);

private:
    void buildUi();
    void clearAll();
    void fillEvents();
    void showCurve(int index);
    void onEventClicked(QTreeWidgetItem *item);
    void setStatus(const QString &text, bool error);
    Result<QString> pendingJobForVersion() const;

    std::optional<VersionPackage> m_package;
    Approval *m_approval = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
    QLineEdit *m_reason = nullptr;
    PreviewPanel *m_preview = nullptr;
    QTreeWidget *m_events = nullptr;
    SpriteStrip *m_strip = nullptr;
    LoudnessChart *m_loudness = nullptr;
    QComboBox *m_curveChoice = nullptr;
    BitrateChart *m_bitrate = nullptr;
    AbCompare *m_ab = nullptr;
};

} // namespace rendition::ui
