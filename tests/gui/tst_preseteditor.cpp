// The preset editor panel (ui/presets) offscreen: validation messages on cells and fields
// (appear naming the field, vanish on undo, return on redo, click → the cell), rung add /
// remove / move (buttons and drag-and-drop data) with undo, typing merged into one undo step,
// built-ins read-only with Duplicate, save, export → import round trip, broken imports naming
// the file, and the dry run on generated fixtures (planned rungs, skipped rungs with the reason,
// rejected files, refusal of an invalid preset, cancel).

#include "ui/presets/ArrayEditor.h"
#include "ui/presets/CellDelegate.h"
#include "ui/presets/DryRunView.h"
#include "ui/presets/JsonTableModel.h"
#include "ui/presets/PresetDocument.h"
#include "ui/presets/PresetEditorPanel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace rendition;
using namespace rendition::ui;

namespace {

constexpr auto kBuiltin = "web-h264-ladder";

int columnOf(const JsonTableModel *model, const QString &key)
{
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->column(c).key == key) return c;
    }
    qFatal("no column %s", qPrintable(key));
}

QStringList rungNames(const PresetDocument *doc)
{
    QStringList names;
    for (const QJsonValue &r : doc->value(QStringLiteral("ladder")).toArray())
        names << r.toObject().value(QStringLiteral("name")).toString();
    return names;
}

QStringList issueTexts(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

QByteArray canonicalOf(const QJsonObject &json)
{
    const Result<Preset> p = parsePreset(json);
    return p.ok() ? p->canonicalJson() : QByteArray("invalid: ") + p.error().message.toUtf8();
}

} // namespace

class TestPresetEditor : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PresetEditorPanel> m_panel;

    // Selects the built-in and duplicates it; returns the editable copy.
    PresetDocument *editableCopy()
    {
        if (!m_panel->selectPreset(QString::fromLatin1(kBuiltin)) || !m_panel->duplicateCurrent()) return nullptr;
        return m_panel->currentDocument();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_panel = std::make_unique<PresetEditorPanel>(nullptr, m_dir->filePath(QStringLiteral("presets")));
        m_panel->resize(1200, 800);
    }

    void cleanup() { m_panel.reset(); }

    void builtinIsReadOnlyAndDuplicateMakesAnEditableCopy()
    {
        QVERIFY(m_panel->presetNames().contains(QString::fromLatin1(kBuiltin)));
        QVERIFY(m_panel->selectPreset(QString::fromLatin1(kBuiltin)));
        PresetDocument *builtin = m_panel->currentDocument();
        QVERIFY(builtin && builtin->isReadOnly());
        JsonTableModel *model = m_panel->ladderEditor()->model();
        const QModelIndex height = model->index(0, columnOf(model, QStringLiteral("height")));
        QVERIFY(!(model->flags(height) & Qt::ItemIsEditable));
        QVERIFY(!model->setData(height, 480, Qt::EditRole));
        QVERIFY(!builtin->setValue(QStringLiteral("ladder[0].height"), 480));
        QCOMPARE(builtin->value(QStringLiteral("ladder[0].height")).toInt(), 360);
        QCOMPARE(m_panel->saveCurrent().error().code, QStringLiteral("preset.read_only"));
        QCOMPARE(m_panel->deleteCurrent().error().code, QStringLiteral("preset.read_only"));
        auto *description = m_panel->findChild<QLineEdit *>(QStringLiteral("description"));
        QVERIFY(description && description->isReadOnly());

        QVERIFY(m_panel->duplicateCurrent());
        PresetDocument *copy = m_panel->currentDocument();
        QVERIFY(copy != builtin);
        QCOMPARE(copy->name(), QStringLiteral("web-h264-ladder-copy"));
        QVERIFY(!copy->isReadOnly());
        QVERIFY(copy->isModified());
        QVERIFY(!description->isReadOnly());
        QVERIFY(model->flags(model->index(0, columnOf(model, QStringLiteral("height")))) & Qt::ItemIsEditable);
        QJsonObject expected = builtin->json();
        expected.insert(QStringLiteral("name"), copy->name());
        QCOMPARE(canonicalOf(copy->json()), canonicalOf(expected));

        QVERIFY2(m_panel->saveCurrent().ok(), qPrintable(m_panel->statusText()));
        QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("presets/web-h264-ladder-copy.json"))));
        QVERIFY(!copy->isModified());
        // A copy may not take a built-in's name.
        QVERIFY(copy->setValue(QStringLiteral("name"), QString::fromLatin1(kBuiltin)));
        QCOMPARE(m_panel->saveCurrent().error().code, QStringLiteral("preset.name_taken"));
    }

    void newPresetSaveReloadDelete()
    {
        m_panel->newPreset();
        PresetDocument *doc = m_panel->currentDocument();
        QVERIFY(doc);
        QCOMPARE(doc->name(), QStringLiteral("new-preset"));
        QCOMPARE(doc->origin(), PresetOrigin::Unsaved);
        QVERIFY2(doc->isValid(), qPrintable(doc->issues().value(0).toString()));
        QVERIFY(m_panel->saveCurrent().ok());
        const QString file = m_dir->filePath(QStringLiteral("presets/new-preset.json"));
        QVERIFY(QFile::exists(file));

        // A user preset file that is not a preset is listed, and opening it names the file.
        QFile broken(m_dir->filePath(QStringLiteral("presets/zz-broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("[1, 2");
        broken.close();
        PresetEditorPanel second(nullptr, m_dir->filePath(QStringLiteral("presets")));
        QVERIFY(second.presetNames().contains(QStringLiteral("new-preset")));
        QVERIFY(second.selectPreset(QStringLiteral("zz-broken")));
        QVERIFY(!second.currentDocument());
        QVERIFY2(second.statusText().contains(QLatin1String("zz-broken.json")), qPrintable(second.statusText()));

        QVERIFY(m_panel->selectPreset(QStringLiteral("new-preset")));
        QVERIFY(m_panel->deleteCurrent().ok());
        QVERIFY(!QFile::exists(file));
        QVERIFY(!m_panel->presetNames().contains(QStringLiteral("new-preset")));
    }

    void invalidCellShowsMessageUndoRestoresRedoReturns()
    {
        PresetDocument *doc = editableCopy();
        QVERIFY(doc);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        QVERIFY(doc->isValid());
        QCOMPARE(m_panel->issueList()->count(), 0);
        JsonTableModel *model = m_panel->ladderEditor()->model();
        const QModelIndex height = model->index(0, columnOf(model, QStringLiteral("height")));
        QVERIFY(model->setData(height, 361, Qt::EditRole));

        QCOMPARE(doc->value(QStringLiteral("ladder[0].height")).toInt(), 361);
        QVERIFY(!doc->isValid());
        const QStringList shown = issueTexts(m_panel->issueList());
        QCOMPARE(shown.size(), 1);
        QVERIFY2(shown.first().contains(QLatin1String("ladder[0].height")), qPrintable(shown.first()));
        QVERIFY2(shown.first().contains(QLatin1String("even")), qPrintable(shown.first()));
        QVERIFY(model->data(height, Qt::BackgroundRole).isValid());
        QVERIFY(model->data(height, Qt::ToolTipRole).toString().contains(QLatin1String("even")));

        // Clicking the message selects the offending cell.
        m_panel->ladderEditor()->selectCell(2, 0);
        QListWidgetItem *item = m_panel->issueList()->item(0);
        QTest::mouseClick(m_panel->issueList()->viewport(), Qt::LeftButton, {},
                          m_panel->issueList()->visualItemRect(item).center());
        QCOMPARE(m_panel->ladderEditor()->view()->currentIndex(), height);

        QCOMPARE(m_panel->undoAction()->shortcut(), QKeySequence(QKeySequence::Undo));
        QCOMPARE(m_panel->redoAction()->shortcut(), QKeySequence(QKeySequence::Redo));
        QVERIFY(m_panel->undoAction()->isEnabled());
        m_panel->undoAction()->trigger();
        QCOMPARE(doc->value(QStringLiteral("ladder[0].height")).toInt(), 360);
        QVERIFY(doc->isValid());
        QCOMPARE(m_panel->issueList()->count(), 0);
        QVERIFY(!model->data(height, Qt::BackgroundRole).isValid());
        QVERIFY(model->data(height, Qt::ToolTipRole).toString().isEmpty());

        m_panel->redoAction()->trigger();
        QCOMPARE(doc->value(QStringLiteral("ladder[0].height")).toInt(), 361);
        QCOMPARE(m_panel->issueList()->count(), 1);
        QVERIFY(m_panel->issueList()->item(0)->text().contains(QLatin1String("ladder[0].height")));
    }

    void delegateEditsAndCrossFieldValidation()
    {
        PresetDocument *doc = editableCopy();
        QVERIFY(doc);
        JsonTableModel *model = m_panel->ladderEditor()->model();
        QTableView *view = m_panel->ladderEditor()->view();
        const QModelIndex codec = model->index(1, columnOf(model, QStringLiteral("codec")));
        CellDelegate delegate;
        std::unique_ptr<QWidget> editor(delegate.createEditor(view->viewport(), QStyleOptionViewItem(), codec));
        auto *combo = qobject_cast<QComboBox *>(editor.get());
        QVERIFY(combo);
        QCOMPARE(combo->count(), 3);
        delegate.setEditorData(combo, codec);
        QCOMPARE(combo->currentData().toString(), QStringLiteral("h264"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("hevc")));
        delegate.setModelData(combo, model, codec);
        QCOMPARE(doc->value(QStringLiteral("ladder[1].codec")).toString(), QStringLiteral("hevc"));
        // "high" is an H.264 profile: the validator names the profile cell of that rung.
        QVERIFY(!doc->issuesAt(QStringLiteral("ladder[1].profile")).isEmpty());
        QVERIFY(model->data(model->index(1, columnOf(model, QStringLiteral("profile"))), Qt::BackgroundRole).isValid());
        doc->undoStack()->undo();
        QVERIFY(doc->isValid());

        // A rate-control mode change rewrites the rung's rate_control for the new mode.
        const int modeColumn = columnOf(model, QStringLiteral("rate_control.mode"));
        QVERIFY(model->setData(model->index(0, modeColumn), QStringLiteral("crf"), Qt::EditRole));
        const QJsonObject rc = doc->value(QStringLiteral("ladder[0].rate_control")).toObject();
        QCOMPARE(rc.value(QStringLiteral("mode")).toString(), QStringLiteral("crf"));
        QCOMPARE(rc.value(QStringLiteral("crf")).toInt(), 23);
        QVERIFY(!rc.contains(QStringLiteral("bitrate_kbps")));
        QVERIFY(doc->isValid());
        const QModelIndex bitrate = model->index(0, columnOf(model, QStringLiteral("rate_control.bitrate_kbps")));
        QVERIFY(!(model->flags(bitrate) & Qt::ItemIsEditable)); // not used by crf
        doc->undoStack()->undo();
        QCOMPARE(doc->value(QStringLiteral("ladder[0].rate_control.bitrate_kbps")).toInt(), 800);
    }

    void formFieldsValidateAndTypingIsOneUndoStep()
    {
        PresetDocument *doc = editableCopy();
        QVERIFY(doc);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        auto *description = m_panel->findChild<QLineEdit *>(QStringLiteral("description"));
        QVERIFY(description);
        const QString before = doc->value(QStringLiteral("description")).toString();
        const int steps = doc->undoStack()->count();
        description->setFocus();
        QTest::keyClicks(description, QStringLiteral(" edited"));
        QCOMPARE(doc->value(QStringLiteral("description")).toString(), before + QStringLiteral(" edited"));
        QCOMPARE(doc->undoStack()->count(), steps + 1);
        doc->undoStack()->undo();
        QCOMPARE(doc->value(QStringLiteral("description")).toString(), before);
        QCOMPARE(description->text(), before);

        auto *segment = m_panel->findChild<QDoubleSpinBox *>(QStringLiteral("packaging.segment_duration_s"));
        QVERIFY(segment);
        segment->setValue(0.5);
        const QStringList issues = doc->issuesAt(QStringLiteral("packaging.segment_duration_s"));
        QCOMPARE(issues.size(), 1);
        QVERIFY2(segment->toolTip().contains(QLatin1String("between")), qPrintable(segment->toolTip()));
        QVERIFY(issueTexts(m_panel->issueList()).first().startsWith(QLatin1String("packaging.segment_duration_s")));
        QVERIFY(m_panel->focusIssue(QStringLiteral("packaging.segment_duration_s")));
        doc->undoStack()->undo();
        QVERIFY(doc->isValid());
        QVERIFY(segment->toolTip().isEmpty());

        // DRM systems: a check box edits the "systems" array.
        auto *widevine = m_panel->findChild<QCheckBox *>(QStringLiteral("drm.systems.widevine"));
        QVERIFY(widevine);
        widevine->click();
        QCOMPARE(doc->value(QStringLiteral("drm.systems")).toArray(), (QJsonArray{"clearkey", "widevine"}));
    }

    void addRemoveMoveRungsWithUndo()
    {
        PresetDocument *doc = editableCopy();
        QVERIFY(doc);
        ArrayEditor *ladder = m_panel->ladderEditor();
        const QStringList original{"360p", "540p", "720p", "1080p"};
        QCOMPARE(rungNames(doc), original);

        ladder->selectCell(1, 0);
        QVERIFY(ladder->addElement());
        QCOMPARE(rungNames(doc), (QStringList{"360p", "540p", "540p-2", "720p", "1080p"}));
        QVERIFY(doc->isValid());
        doc->undoStack()->undo();
        QCOMPARE(rungNames(doc), original);

        ladder->selectCell(0, 0);
        QVERIFY(ladder->removeCurrent());
        QCOMPARE(rungNames(doc), (QStringList{"540p", "720p", "1080p"}));
        doc->undoStack()->undo();
        QCOMPARE(rungNames(doc), original);

        ladder->selectCell(0, 0);
        QVERIFY(ladder->moveCurrent(+1));
        QCOMPARE(rungNames(doc), (QStringList{"540p", "360p", "720p", "1080p"}));
        QCOMPARE(ladder->currentRow(), 1); // the moved rung stays selected
        doc->undoStack()->undo();
        QCOMPARE(rungNames(doc), original);
        doc->undoStack()->redo();
        QCOMPARE(rungNames(doc), (QStringList{"540p", "360p", "720p", "1080p"}));
        doc->undoStack()->undo();

        // Drag and drop: the last rung dropped before the first.
        JsonTableModel *model = ladder->model();
        std::unique_ptr<QMimeData> drag(model->mimeData({model->index(3, 0)}));
        QVERIFY(model->canDropMimeData(drag.get(), Qt::MoveAction, 0, 0, {}));
        QVERIFY(model->dropMimeData(drag.get(), Qt::MoveAction, 0, 0, {}));
        QCOMPARE(rungNames(doc), (QStringList{"1080p", "360p", "540p", "720p"}));
        doc->undoStack()->undo();
        QCOMPARE(rungNames(doc), original);
        // Removing every rung is an error the validator names.
        for (int i = 0; i < 4; ++i)
            QVERIFY(doc->removeElement(QStringLiteral("ladder"), 0));
        QVERIFY(!doc->issuesAt(QStringLiteral("ladder")).isEmpty());
    }

    void exportImportRoundTrip()
    {
        PresetDocument *doc = editableCopy();
        QVERIFY(doc);
        QVERIFY(doc->setValue(QStringLiteral("ladder[0].rate_control.bitrate_kbps"), 900));
        QVERIFY(doc->setValue(QStringLiteral("description"), QStringLiteral("round trip")));
        QVERIFY(m_panel->saveCurrent().ok());
        const QString exported = m_dir->filePath(QStringLiteral("export.json"));
        QVERIFY2(m_panel->exportCurrent(exported).ok(), qPrintable(m_panel->statusText()));
        const QByteArray expected = canonicalOf(doc->json());
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(parsePreset(file.readAll())->canonicalJson(), expected);

        const QString name = doc->name();
        QVERIFY(m_panel->deleteCurrent().ok());
        QVERIFY(!m_panel->presetNames().contains(name));
        QVERIFY(m_panel->importFile(exported).ok());
        QCOMPARE(m_panel->currentDocument()->name(), name);
        QCOMPARE(canonicalOf(m_panel->currentDocument()->json()), expected);
        QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("presets/%1.json").arg(name))));

        // Importing again keeps both: the second gets a free name, the content is the same.
        QVERIFY(m_panel->importFile(exported).ok());
        QCOMPARE(m_panel->currentDocument()->name(), name + QStringLiteral("-2"));
        QJsonObject renamed = m_panel->currentDocument()->json();
        renamed.insert(QStringLiteral("name"), name);
        QCOMPARE(canonicalOf(renamed), expected);
    }

    void importingBrokenFilesNamesTheFile()
    {
        const QStringList before = m_panel->presetNames();
        const QString broken = m_dir->filePath(QStringLiteral("broken.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ \"schema\": \"rendition.preset/1\", \"name\": ");
        file.close();
        const Status syntax = m_panel->importFile(broken);
        QVERIFY(!syntax.ok());
        QVERIFY2(syntax.error().toString().contains(QLatin1String("broken.json")),
                 qPrintable(syntax.error().toString()));
        QVERIFY(m_panel->statusText().contains(QLatin1String("broken.json")));

        // Well-formed JSON that is not a valid preset: the file and the field are named.
        QJsonObject json = loadPreset(QString::fromLatin1(kBuiltin))->toJson();
        QJsonArray ladder = json.value(QStringLiteral("ladder")).toArray();
        QJsonObject rung = ladder.at(0).toObject();
        rung.insert(QStringLiteral("height"), 361);
        ladder.replace(0, rung);
        json.insert(QStringLiteral("ladder"), ladder);
        const QString invalid = m_dir->filePath(QStringLiteral("odd-height.json"));
        QFile out(invalid);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(json).toJson());
        out.close();
        const Status rules = m_panel->importFile(invalid);
        QVERIFY(!rules.ok());
        QVERIFY(rules.error().toString().contains(QLatin1String("odd-height.json")));
        QVERIFY(rules.error().toString().contains(QLatin1String("ladder[0].height")));
        QCOMPARE(m_panel->importFile(m_dir->filePath(QStringLiteral("missing.json"))).error().context,
                 m_dir->filePath(QStringLiteral("missing.json")));
        QCOMPARE(m_panel->presetNames(), before);
    }

    void dryRunListsPlannedAndSkippedRungs()
    {
        QVERIFY(m_panel->selectPreset(QString::fromLatin1(kBuiltin)));
        const QString good = QStringLiteral(RENDITION_FIXTURES "/good/ntsc_720p2997.mp4");
        const QString bad = QStringLiteral(RENDITION_FIXTURES "/bad/text_renamed.mp4");
        QVERIFY(QFile::exists(good));
        m_panel->setSelectedAssets({good, bad});
        DryRunView *view = m_panel->dryRunView();
        QCOMPARE(view->assets(), (QStringList{good, bad}));
        QSignalSpy finished(view, &DryRunView::finished);
        view->run();
        QVERIFY(view->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);

        QHash<QString, QString> statusOf; // "file/rendition" → status
        const QStandardItemModel *results = view->results();
        for (int r = 0; r < results->rowCount(); ++r) {
            statusOf.insert(results->item(r, DryRunView::AssetColumn)->text() + QLatin1Char('/') +
                                results->item(r, DryRunView::RenditionColumn)->text(),
                            results->item(r, DryRunView::StatusColumn)->text());
        }
        for (const char *rung : {"360p", "540p", "720p"}) {
            const QString status = statusOf.value(QStringLiteral("ntsc_720p2997.mp4/") + QLatin1String(rung));
            QVERIFY2(status.startsWith(QLatin1String("Planned")), qPrintable(rung + (": " + status)));
        }
        const QString skipped = statusOf.value(QStringLiteral("ntsc_720p2997.mp4/1080p"));
        QVERIFY2(skipped.startsWith(QLatin1String("Skipped")) && skipped.contains(QLatin1String("upscale")),
                 qPrintable(skipped));
        QVERIFY(statusOf.contains(QStringLiteral("ntsc_720p2997.mp4/aac-128k")));
        QVERIFY(statusOf.contains(QStringLiteral("ntsc_720p2997.mp4/Total")));
        QVERIFY2(statusOf.value(QStringLiteral("text_renamed.mp4/—")).startsWith(QLatin1String("Cannot be processed")),
                 qPrintable(statusOf.keys().join(QLatin1Char(','))));
        QVERIFY2(view->summary().contains(QLatin1String("estimate")), qPrintable(view->summary()));
    }

    void dryRunRefusesInvalidPresetAndCancels()
    {
        PresetDocument *doc = editableCopy();
        QVERIFY(doc);
        DryRunView *view = m_panel->dryRunView();
        QSignalSpy finished(view, &DryRunView::finished);
        QVERIFY(doc->setValue(QStringLiteral("ladder[0].height"), 361));
        view->setAssets({QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4")});
        view->run();
        QCOMPARE(finished.count(), 1);
        QVERIFY(!view->isRunning());
        QVERIFY(view->summary().contains(QLatin1String("problems")));
        doc->undoStack()->undo();

        QStringList many;
        for (const QString &sub : {QStringLiteral("good"), QStringLiteral("bad")}) {
            const QDir dir(QStringLiteral(RENDITION_FIXTURES "/") + sub);
            for (const QString &name : dir.entryList(QDir::Files))
                many << dir.filePath(name);
        }
        QVERIFY(many.size() > 10);
        view->setEncoderResolver([](VideoCodec, const QString &pref) {
            return EncoderChoice{"libx264", pref, false, {}};
        });
        view->setAssets(many);
        view->run();
        QVERIFY(view->isRunning());
        view->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        QVERIFY2(view->summary().contains(QLatin1String("canceled")), qPrintable(view->summary()));
        QVERIFY(view->results()->rowCount() < many.size() * 4);
    }
};

QTEST_MAIN(TestPresetEditor)
#include "tst_preseteditor.moc"
