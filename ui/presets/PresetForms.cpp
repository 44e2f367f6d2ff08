#include "ui/presets/PresetForms.h"

#include "ui/presets/FormBinder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace rendition::ui {

namespace {

struct Choice {
    const char *value;
    QString label;
};

void lineEdit(FormBinder *b, QFormLayout *form, const QString &label, const char *path, const QString &placeholder = {})
{
    auto *w = new QLineEdit;
    w->setPlaceholderText(placeholder);
    b->bindLineEdit(w, QString::fromLatin1(path));
    form->addRow(label, w);
}

void intSpin(FormBinder *b, QFormLayout *form, const QString &label, const char *path, int min, int max,
             const QString &suffix = {})
{
    auto *w = new QSpinBox;
    w->setRange(min, max);
    w->setSuffix(suffix);
    b->bindSpinBox(w, QString::fromLatin1(path));
    form->addRow(label, w);
}

void doubleSpin(FormBinder *b, QFormLayout *form, const QString &label, const char *path, double min, double max,
                const QString &suffix = {}, double step = 0.5)
{
    auto *w = new QDoubleSpinBox;
    w->setRange(min, max);
    w->setDecimals(2);
    w->setSingleStep(step);
    w->setSuffix(suffix);
    b->bindDoubleSpinBox(w, QString::fromLatin1(path));
    form->addRow(label, w);
}

void check(FormBinder *b, QFormLayout *form, const QString &label, const char *path)
{
    auto *w = new QCheckBox(label);
    b->bindCheckBox(w, QString::fromLatin1(path));
    form->addRow(QString(), w);
}

void combo(FormBinder *b, QFormLayout *form, const QString &label, const char *path, const QList<Choice> &choices)
{
    auto *w = new QComboBox;
    for (const Choice &c : choices)
        w->addItem(c.label, QString::fromLatin1(c.value));
    b->bindComboBox(w, QString::fromLatin1(path));
    form->addRow(label, w);
}

QWidget *page(QWidget *parent, QFormLayout **form)
{
    auto *w = new QWidget(parent);
    *form = new QFormLayout(w);
    (*form)->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return w;
}

} // namespace

QWidget *PresetForms::generalPage(FormBinder *b, QWidget *parent)
{
    QFormLayout *f = nullptr;
    QWidget *w = page(parent, &f);
    lineEdit(b, f, tr("Name"), "name", tr("letters, digits, '_', '.' and '-'"));
    lineEdit(b, f, tr("Description"), "description");
    intSpin(b, f, tr("Version"), "version", -1000, 1000000000);
    combo(b, f, tr("Deinterlace"), "deinterlace",
          {{"auto", tr("Auto (when the source is flagged interlaced)")}, {"off", tr("Off")}, {"on", tr("On")}});
    intSpin(b, f, tr("Keyframes per segment"), "gop.keyframes_per_segment", -100, 1000);
    intSpin(b, f, tr("Max. consecutive B-frames"), "gop.b_frames", -100, 1000);
    check(b, f, tr("Extra keyframes on scene cuts (breaks rung alignment)"), "gop.scene_cut");
    lineEdit(b, f, tr("Asset folder"), "naming.asset", tr("tokens: {stem} {preset}"));
    lineEdit(b, f, tr("Rendition folder"), "naming.rendition", tr("tokens: {name} {width} {height} {codec}"));
    return w;
}

QWidget *PresetForms::packagingPage(FormBinder *b, QWidget *parent)
{
    QFormLayout *f = nullptr;
    QWidget *w = page(parent, &f);
    doubleSpin(b, f, tr("Segment duration"), "packaging.segment_duration_s", -1000, 1000, tr(" s"));
    check(b, f, tr("HLS"), "packaging.hls");
    combo(b, f, tr("HLS segments"), "packaging.hls_segment_format",
          {{"fmp4", tr("fMP4 (CMAF, shared with DASH)")}, {"mpegts", tr("MPEG-TS")}});
    check(b, f, tr("DASH"), "packaging.dash");
    check(b, f, tr("Progressive MP4 per rung (editing proxies)"), "packaging.progressive_mp4");
    return w;
}

QWidget *PresetForms::loudnessGroup(FormBinder *b, QWidget *parent)
{
    auto *group = new QGroupBox(tr("Loudness normalization"), parent);
    auto *f = new QFormLayout(group);
    check(b, f, tr("Normalize to a target (static gain)"), "loudness.enabled");
    doubleSpin(b, f, tr("Target loudness"), "loudness.target_lufs", -200, 200, tr(" LUFS"));
    doubleSpin(b, f, tr("True-peak ceiling"), "loudness.true_peak_dbtp", -200, 200, tr(" dBTP"), 0.1);
    combo(b, f, tr("Over the ceiling"), "loudness.over_ceiling",
          {{"limit", tr("Limit (true-peak limiter)")}, {"reduce_gain", tr("Reduce the gain")}});
    return group;
}

QWidget *PresetForms::drmPage(FormBinder *b, QWidget *parent)
{
    QFormLayout *f = nullptr;
    QWidget *w = page(parent, &f);
    combo(b, f, tr("Scheme"), "drm.scheme",
          {{"none", tr("None (clear)")},
           {"cenc", tr("CENC (fMP4, DASH + HLS)")},
           {"hls-aes128", tr("HLS AES-128 (MPEG-TS)")}});
    combo(b, f, tr("Key source"), "drm.key_source",
          {{"generate", tr("Generate a key per package")},
           {"key_file", tr("KID:KEY file")},
           {"cpix", tr("CPIX document")}});
    lineEdit(b, f, tr("Key file"), "drm.key_file", tr("path of the KID:KEY file or CPIX document"));
    auto *clearKey = new QCheckBox(tr("ClearKey (always signalled)"));
    clearKey->setChecked(true);
    clearKey->setEnabled(false);
    f->addRow(tr("Systems"), clearKey);
    auto *widevine = new QCheckBox(tr("Widevine"));
    b->bindSystemCheckBox(widevine, QStringLiteral("widevine"));
    f->addRow(QString(), widevine);
    auto *playReady = new QCheckBox(tr("PlayReady"));
    b->bindSystemCheckBox(playReady, QStringLiteral("playready"));
    f->addRow(QString(), playReady);
    lineEdit(b, f, tr("Widevine provider"), "drm.widevine_provider");
    lineEdit(b, f, tr("Widevine content ID"), "drm.content_id");
    lineEdit(b, f, tr("PlayReady licence URL"), "drm.playready_la_url", tr("https://…"));
    lineEdit(b, f, tr("HLS key URI"), "drm.key_uri", tr("{kid} is replaced by the key ID in hex"));
    return w;
}

QWidget *PresetForms::thumbnailsPage(FormBinder *b, QWidget *parent)
{
    QFormLayout *f = nullptr;
    QWidget *w = page(parent, &f);
    check(b, f, tr("Make thumbnail sprite sheets"), "thumbnails.enabled");
    doubleSpin(b, f, tr("Interval"), "thumbnails.interval_s", -1000, 100000, tr(" s"));
    intSpin(b, f, tr("Tile width"), "thumbnails.tile_width", -1, 100000, tr(" px"));
    intSpin(b, f, tr("Tile height"), "thumbnails.tile_height", -1, 100000, tr(" px"));
    intSpin(b, f, tr("Columns"), "thumbnails.columns", -1, 10000);
    intSpin(b, f, tr("Rows"), "thumbnails.rows", -1, 10000);
    intSpin(b, f, tr("JPEG quality"), "thumbnails.jpeg_quality", -1, 1000);
    return w;
}

QWidget *PresetForms::qcSwitch(FormBinder *b, QWidget *parent)
{
    QFormLayout *f = nullptr;
    QWidget *w = page(parent, &f);
    check(b, f, tr("Run automated QC on the package"), "qc.enabled");
    check(b, f, tr("Require a person's approval before a version becomes current"), "qc.require_approval");
    f->addRow(new QLabel(tr("Rules (a rule with severity \"fail\" stops publishing as current):"), w));
    return w;
}

} // namespace rendition::ui
