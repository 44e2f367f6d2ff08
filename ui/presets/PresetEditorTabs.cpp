#include "ui/presets/PresetEditorTabs.h"

#include "ui/presets/ArrayEditor.h"
#include "ui/presets/DryRunView.h"
#include "ui/presets/FormBinder.h"
#include "ui/presets/JsonTableModel.h"
#include "ui/presets/PresetForms.h"
#include "ui/presets/TableColumns.h"

#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

namespace rendition::ui {

namespace {

QWidget *scrollable(QWidget *page, QWidget *parent)
{
    auto *area = new QScrollArea(parent);
    area->setWidgetResizable(true);
    area->setWidget(page);
    return area;
}

} // namespace

PresetEditorTabs::PresetEditorTabs(QWidget *parent) : QTabWidget(parent), m_binder(new FormBinder(this))
{
    m_ladder = new ArrayEditor(QStringLiteral("ladder"), TableColumns::ladder(), &TableColumns::newRung, this);
    addTab(m_ladder, tr("Ladder"));
    addTab(scrollable(PresetForms::generalPage(m_binder, this), this), tr("General"));

    auto *audioPage = new QWidget(this);
    m_audio =
        new ArrayEditor(QStringLiteral("audio"), TableColumns::audio(), &TableColumns::newAudioRendition, audioPage);
    auto *audioLayout = new QVBoxLayout(audioPage);
    audioLayout->addWidget(m_audio, 1);
    audioLayout->addWidget(PresetForms::loudnessGroup(m_binder, audioPage));
    addTab(audioPage, tr("Audio && loudness"));

    addTab(scrollable(PresetForms::packagingPage(m_binder, this), this), tr("Packaging"));
    addTab(scrollable(PresetForms::drmPage(m_binder, this), this), tr("DRM"));
    addTab(scrollable(PresetForms::thumbnailsPage(m_binder, this), this), tr("Thumbnails"));

    auto *qcPage = new QWidget(this);
    m_qcRules = new ArrayEditor(QStringLiteral("qc.rules"), TableColumns::qcRules(), &TableColumns::newQcRule, qcPage);
    auto *qcLayout = new QVBoxLayout(qcPage);
    qcLayout->addWidget(PresetForms::qcSwitch(m_binder, qcPage));
    qcLayout->addWidget(m_qcRules, 1);
    addTab(qcPage, tr("QC"));

    m_dryRun = new DryRunView(this);
    addTab(m_dryRun, tr("Dry run"));
}

PresetEditorTabs::~PresetEditorTabs()
{
    setDocument(nullptr); // the document may be destroyed after us
}

void PresetEditorTabs::setDocument(PresetDocument *doc)
{
    m_binder->setDocument(doc);
    for (ArrayEditor *e : {m_ladder, m_audio, m_qcRules})
        e->setDocument(doc);
}

bool PresetEditorTabs::focusIssue(const QString &path)
{
    for (ArrayEditor *editor : {m_ladder, m_audio, m_qcRules}) {
        const QModelIndex cell = editor->model()->indexForIssue(path);
        if (!cell.isValid()) continue;
        showPageOf(editor);
        editor->selectCell(cell.row(), cell.column());
        editor->view()->setFocus();
        return true;
    }
    QWidget *field = m_binder->widgetFor(path);
    for (const QString &bound : m_binder->boundPaths()) { // a section ("packaging") → its first field
        if (!field && bound.startsWith(path + QLatin1Char('.'))) field = m_binder->widgetFor(bound);
    }
    if (!field) return false;
    showPageOf(field);
    field->setFocus();
    return true;
}

void PresetEditorTabs::showPageOf(QWidget *widget)
{
    QWidget *page = widget;
    while (page && indexOf(page) < 0)
        page = page->parentWidget();
    if (page) setCurrentWidget(page);
}

} // namespace rendition::ui
