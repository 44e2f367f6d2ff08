#include "ui/presets/PresetEditorPanel.h"

#include "ui/presets/DryRunView.h"
#include "ui/presets/PresetDocument.h"
#include "ui/presets/PresetEditorTabs.h"
#include "ui/presets/TableColumns.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

namespace rendition::ui {

namespace {

constexpr int kKeyRole = Qt::UserRole;
constexpr int kPathRole = Qt::UserRole + 1;
const QString kBuiltinKey = QStringLiteral("builtin:");
const QString kFileKey = QStringLiteral("file:");
const QString kNewKey = QStringLiteral("new:");

} // namespace

PresetEditorPanel::PresetEditorPanel(QWidget *parent, const QString &userPresetDir)
    : QWidget(parent), m_library(userPresetDir), m_undoGroup(new QUndoGroup(this))
{
    m_undoAction = m_undoGroup->createUndoAction(this, tr("Undo"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_undoGroup->createRedoAction(this, tr("Redo"));
    m_redoAction->setShortcut(QKeySequence::Redo);
    for (QAction *a : {m_undoAction, m_redoAction}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildListSide());
    splitter->addWidget(buildEditorSide());
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    m_editor->dryRunView()->setPresetSource([this]() -> Result<Preset> {
        if (!m_current) return makeError(QStringLiteral("preset.none"), tr("No preset is selected."));
        return m_current->preset();
    });
    reloadList(QString());
}

PresetEditorPanel::~PresetEditorPanel()
{
    // The editors refer to the current document; detach them before the documents
    // (children of the panel) go.
    m_editor->setDocument(nullptr);
}

QWidget *PresetEditorPanel::buildListSide()
{
    auto *side = new QWidget(this);
    m_list = new QListWidget(side);
    m_list->setObjectName(QStringLiteral("presetList"));
    m_newButton = new QPushButton(tr("New"), side);
    m_duplicateButton = new QPushButton(tr("Duplicate"), side);
    m_deleteButton = new QPushButton(tr("Delete"), side);
    m_importButton = new QPushButton(tr("Import JSON…"), side);
    m_exportButton = new QPushButton(tr("Export JSON…"), side);
    connect(m_list, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem *item) { showPreset(item ? item->data(kKeyRole).toString() : QString()); });
    connect(m_newButton, &QPushButton::clicked, this, &PresetEditorPanel::newPreset);
    connect(m_duplicateButton, &QPushButton::clicked, this, &PresetEditorPanel::duplicateCurrent);
    connect(m_deleteButton, &QPushButton::clicked, this, [this] {
        const QString name = m_list->currentItem() ? m_list->currentItem()->text() : QString();
        if (QMessageBox::question(this, tr("Delete preset"), tr("Delete the preset \"%1\"?").arg(name)) ==
            QMessageBox::Yes)
            (void)deleteCurrent(); // reported in the status line
    });
    connect(m_importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import preset"), QString(),
                                                          tr("Preset JSON (*.json);;All files (*)"));
        if (!path.isEmpty()) (void)importFile(path); // reported in the status line
    });
    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        const QString suggested = m_current ? m_current->name() + QStringLiteral(".json") : QString();
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export preset"), suggested, tr("Preset JSON (*.json)"));
        if (!path.isEmpty()) (void)exportCurrent(path); // reported in the status line
    });
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Presets"), side));
    layout->addWidget(m_list, 1);
    for (QPushButton *b : {m_newButton, m_duplicateButton, m_deleteButton, m_importButton, m_exportButton})
        layout->addWidget(b);
    return side;
}

QWidget *PresetEditorPanel::buildEditorSide()
{
    auto *side = new QWidget(this);
    m_title = new QLabel(side);
    m_title->setObjectName(QStringLiteral("presetTitle"));
    m_saveButton = new QPushButton(tr("Save"), side);
    m_saveButton->setShortcut(QKeySequence::Save);
    connect(m_saveButton, &QPushButton::clicked, this, [this] { (void)saveCurrent(); });
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    for (QAction *a : {m_undoAction, m_redoAction}) {
        auto *button = new QToolButton(side);
        button->setDefaultAction(a);
        header->addWidget(button);
    }
    header->addWidget(m_saveButton);

    m_editor = new PresetEditorTabs(side);

    m_issues = new QListWidget(side);
    m_issues->setObjectName(QStringLiteral("presetIssues"));
    m_issues->setMaximumHeight(120);
    connect(m_issues, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { focusIssue(item->data(kPathRole).toString()); });
    m_status = new QLabel(side);
    m_status->setObjectName(QStringLiteral("presetStatus"));
    m_status->setWordWrap(true);

    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_editor, 1);
    layout->addWidget(new QLabel(tr("Problems"), side));
    layout->addWidget(m_issues);
    layout->addWidget(m_status);
    return side;
}

ArrayEditor *PresetEditorPanel::ladderEditor() const
{
    return m_editor->ladderEditor();
}

DryRunView *PresetEditorPanel::dryRunView() const
{
    return m_editor->dryRunView();
}

QString PresetEditorPanel::userPresetDir() const
{
    return m_library.userDir();
}

QStringList PresetEditorPanel::presetNames() const
{
    QStringList names;
    for (int i = 0; i < m_list->count(); ++i) {
        const QString key = m_list->item(i)->data(kKeyRole).toString();
        names << (m_docs.contains(key) ? m_docs.value(key)->name() : m_entries.value(key).name);
    }
    return names;
}

bool PresetEditorPanel::selectPreset(const QString &name)
{
    const int row = int(presetNames().indexOf(name));
    if (row < 0) return false;
    m_list->setCurrentRow(row);
    return true;
}

QString PresetEditorPanel::statusText() const
{
    return m_status->text();
}

void PresetEditorPanel::setSelectedAssets(const QStringList &paths)
{
    m_editor->dryRunView()->setAssets(paths);
}

// ---- list and documents -------------------------------------------------------------------

void PresetEditorPanel::reloadList(const QString &selectKey)
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    m_entries.clear();
    for (const PresetEntry &e : m_library.scan()) {
        const QString key = e.builtin ? kBuiltinKey + e.name : kFileKey + e.filePath;
        m_entries.insert(key, e);
        addItem(key, e.name);
    }
    for (auto it = m_docs.constBegin(); it != m_docs.constEnd(); ++it) {
        if (it.key().startsWith(kNewKey)) addItem(it.key(), it.value()->name());
    }
    int row = 0;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kKeyRole).toString() == selectKey) row = i;
    }
    if (m_list->count() > 0) m_list->setCurrentRow(row);
    showPreset(currentKey());
}

QListWidgetItem *PresetEditorPanel::addItem(const QString &key, const QString &name)
{
    auto *item = new QListWidgetItem(name, m_list);
    item->setData(kKeyRole, key);
    updateItem(key);
    return item;
}

void PresetEditorPanel::updateItem(const QString &key)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        if (item->data(kKeyRole).toString() != key) continue;
        const PresetDocument *doc = m_docs.value(key);
        const PresetEntry entry = m_entries.value(key);
        QString text = doc ? doc->name() : entry.name;
        if (key.startsWith(kBuiltinKey))
            text = tr("%1 (built-in)").arg(text);
        else if (!entry.loadError.isEmpty())
            text = tr("%1 (cannot be opened)").arg(text);
        if (doc && doc->isModified()) text += QStringLiteral(" *");
        item->setText(text);
        item->setToolTip(entry.loadError.isEmpty() ? entry.filePath : entry.loadError);
    }
}

PresetDocument *PresetEditorPanel::documentFor(const QString &key)
{
    if (PresetDocument *doc = m_docs.value(key)) return doc;
    const auto entry = m_entries.constFind(key);
    if (entry == m_entries.constEnd() || !entry->loadError.isEmpty()) return nullptr;
    const PresetOrigin origin = entry->builtin ? PresetOrigin::Builtin : PresetOrigin::UserFile;
    return adopt(key, new PresetDocument(entry->json, origin, entry->filePath, this));
}

PresetDocument *PresetEditorPanel::adopt(const QString &key, PresetDocument *doc)
{
    m_docs.insert(key, doc);
    m_undoGroup->addStack(doc->undoStack());
    connect(doc, &PresetDocument::issuesChanged, this, [this, doc] {
        if (doc == m_current) refreshIssues();
    });
    connect(doc, &PresetDocument::modifiedChanged, this, [this, doc] {
        updateItem(m_docs.key(doc));
        if (doc == m_current) refreshHeader();
    });
    connect(doc, &PresetDocument::valueChanged, this, [this, doc](const QString &path) {
        if (path == u"name") updateItem(m_docs.key(doc));
        if (doc == m_current) refreshHeader();
    });
    return doc;
}

QString PresetEditorPanel::addUnsaved(const QJsonObject &json)
{
    const QString key = kNewKey + QString::number(++m_unsavedCounter);
    adopt(key, new PresetDocument(json, PresetOrigin::Unsaved, QString(), this));
    m_list->setCurrentItem(addItem(key, json.value(QStringLiteral("name")).toString()));
    return key;
}

void PresetEditorPanel::rekey(const QString &from, const QString &to)
{
    if (PresetDocument *doc = m_docs.take(from)) m_docs.insert(to, doc);
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kKeyRole).toString() == from) m_list->item(i)->setData(kKeyRole, to);
    }
}

QString PresetEditorPanel::currentKey() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(kKeyRole).toString() : QString();
}

QStringList PresetEditorPanel::takenNames() const
{
    QStringList names = presetNames();
    names += builtinPresetNames();
    return names;
}

void PresetEditorPanel::showPreset(const QString &key)
{
    m_current = key.isEmpty() ? nullptr : documentFor(key);
    m_editor->setDocument(m_current);
    m_undoGroup->setActiveStack(m_current ? m_current->undoStack() : nullptr);
    refreshIssues();
    refreshHeader();
    const QString loadError = m_entries.value(key).loadError;
    if (!loadError.isEmpty()) report(makeError(QStringLiteral("preset.unreadable"), loadError), QString());
}

void PresetEditorPanel::refreshIssues()
{
    m_issues->clear();
    if (!m_current) return;
    for (const PresetIssue &issue : m_current->issues()) {
        auto *item = new QListWidgetItem(issue.toString(), m_issues);
        item->setData(kPathRole, issue.path);
        item->setForeground(QColor(160, 0, 0));
    }
}

void PresetEditorPanel::refreshHeader()
{
    const bool editable = m_current && !m_current->isReadOnly();
    QString title;
    if (!m_current)
        title = tr("No preset selected");
    else if (m_current->isReadOnly())
        title = tr("%1 — built-in, read-only: use Duplicate to make an editable copy").arg(m_current->name());
    else if (m_current->origin() == PresetOrigin::Unsaved)
        title = tr("%1 — not saved yet").arg(m_current->name());
    else
        title = tr("%1 — %2").arg(m_current->name(), m_current->filePath());
    m_title->setText(title);
    m_saveButton->setEnabled(editable && m_current->isModified());
    m_duplicateButton->setEnabled(m_current != nullptr);
    m_exportButton->setEnabled(m_current != nullptr);
    m_deleteButton->setEnabled(!currentKey().isEmpty() && !currentKey().startsWith(kBuiltinKey));
}

void PresetEditorPanel::report(const Status &status, const QString &success)
{
    const QString text = status.ok() ? success : status.error().toString();
    m_status->setStyleSheet(status.ok() ? QString() : QStringLiteral("color: #a00000;"));
    m_status->setText(text);
    if (!text.isEmpty()) Q_EMIT statusMessage(text);
}

// ---- actions ---------------------------------------------------------------------------------

void PresetEditorPanel::newPreset()
{
    const QString name = PresetLibrary::uniqueName(QStringLiteral("new-preset"), takenNames());
    QJsonObject json{{QStringLiteral("schema"), QString::fromLatin1(kPresetSchema)},
                     {QStringLiteral("name"), name},
                     {QStringLiteral("ladder"), QJsonArray{TableColumns::newRung({}, -1)}},
                     {QStringLiteral("audio"), QJsonArray{TableColumns::newAudioRendition({}, -1)}}};
    if (const Result<Preset> preset = parsePreset(json); preset.ok())
        json = preset->toJson(); // every field written out, as for presets read from files
    addUnsaved(json);
    report({}, tr("New preset \"%1\"; save it to keep it.").arg(name));
}

bool PresetEditorPanel::duplicateCurrent()
{
    if (!m_current) return false;
    QJsonObject json = m_current->json();
    const QString name = PresetLibrary::uniqueName(m_current->name() + QStringLiteral("-copy"), takenNames());
    json.insert(QStringLiteral("name"), name);
    addUnsaved(json);
    report({}, tr("Duplicated as \"%1\"; it is editable and not saved yet.").arg(name));
    return true;
}

Status PresetEditorPanel::saveCurrent()
{
    Status result;
    if (!m_current) {
        result = makeError(QStringLiteral("preset.none"), tr("No preset is selected."));
    } else if (m_current->isReadOnly()) {
        result =
            makeError(QStringLiteral("preset.read_only"),
                      tr("Built-in presets are read-only; use Duplicate to make an editable copy."), m_current->name());
    } else if (!m_current->isValid()) {
        result = makeError(
            QStringLiteral("preset.invalid"),
            tr("The preset has %n problem(s); fix them before saving.", nullptr, int(m_current->issues().size())),
            m_current->name());
    } else if (const Result<QString> path = m_library.save(m_current->json(), m_current->filePath()); !path.ok()) {
        result = path.error();
    } else {
        const QString from = currentKey();
        const QString to = kFileKey + path.value();
        m_current->markSaved(path.value());
        m_entries.remove(from);
        m_entries.insert(to, PresetEntry{m_current->name(), false, path.value(), m_current->json(), {}});
        rekey(from, to);
        updateItem(to);
        refreshHeader();
        report({}, tr("Saved \"%1\" to %2.").arg(m_current->name(), path.value()));
        return {};
    }
    report(result, QString());
    return result;
}

Status PresetEditorPanel::deleteCurrent()
{
    const QString key = currentKey();
    Status result;
    if (key.isEmpty())
        result = makeError(QStringLiteral("preset.none"), tr("No preset is selected."));
    else if (key.startsWith(kBuiltinKey))
        result = makeError(QStringLiteral("preset.read_only"), tr("Built-in presets cannot be deleted."),
                           key.mid(kBuiltinKey.size()));
    else if (key.startsWith(kFileKey))
        result = m_library.remove(key.mid(kFileKey.size()));
    if (!result.ok()) {
        report(result, QString());
        return result;
    }
    PresetDocument *doc = m_docs.take(key);
    m_entries.remove(key);
    delete m_list->takeItem(m_list->currentRow()); // selects a neighbour → showPreset()
    if (m_list->count() == 0) showPreset(QString());
    if (doc) {
        m_undoGroup->removeStack(doc->undoStack());
        delete doc;
    }
    report({}, tr("Preset deleted."));
    return {};
}

Status PresetEditorPanel::importFile(const QString &path)
{
    Result<QJsonObject> json = PresetLibrary::readFile(path);
    if (!json.ok()) {
        report(json.error(), QString());
        return json.error();
    }
    const QString original = json->value(QStringLiteral("name")).toString();
    const QString name = PresetLibrary::uniqueName(original, takenNames());
    json->insert(QStringLiteral("name"), name);
    const Result<QString> saved = m_library.save(json.value(), QString());
    if (!saved.ok()) {
        report(saved.error(), QString());
        return saved.error();
    }
    reloadList(kFileKey + saved.value());
    report({}, name == original ? tr("Imported \"%1\" from %2.").arg(name, path)
                                : tr("Imported %1 as \"%2\" (\"%3\" was taken).").arg(path, name, original));
    return {};
}

Status PresetEditorPanel::exportCurrent(const QString &path)
{
    Status result;
    if (!m_current)
        result = makeError(QStringLiteral("preset.none"), tr("No preset is selected."));
    else if (!m_current->isValid())
        result = makeError(
            QStringLiteral("preset.invalid"),
            tr("The preset has %n problem(s); fix them before exporting.", nullptr, int(m_current->issues().size())),
            path);
    else
        result = PresetLibrary::writeFile(m_current->json(), path);
    report(result, tr("Exported \"%1\" to %2.").arg(m_current ? m_current->name() : QString(), path));
    return result;
}

// ---- validation messages → fields ---------------------------------------------------------------

bool PresetEditorPanel::focusIssue(const QString &path)
{
    return m_editor->focusIssue(path);
}

} // namespace rendition::ui
