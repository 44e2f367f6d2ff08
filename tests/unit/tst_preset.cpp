// Presets as data: parsing, every validation rule (exact JSON path + message), canonical
// JSON and round trips, the built-ins, loadPreset() errors, and `rendition-cli presets`.
//
// Most rows start from kBaseDoc (valid, one rung per rate-control mode and codec) and
// apply edits addressed by JSON path ("ladder[2].rate_control.crf"); kRemove deletes.

#include "core/model/Preset.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <utility>

using namespace rendition;

namespace {

using Edits = QList<std::pair<QString, QJsonValue>>;
const QJsonValue kRemove(QJsonValue::Undefined);
const QJsonValue kNull(QJsonValue::Null);

// ladder[0] h264 vbr, ladder[1] h264 crf, ladder[2] hevc capped_crf, ladder[3] av1 cbr;
// audio[0] aac (defaults), audio[1] opus (explicit).
constexpr auto kBaseDoc = R"({
  "schema": "rendition.preset/1", "name": "test-preset", "description": "for tests",
  "version": 2, "deinterlace": "auto",
  "gop": {"keyframes_per_segment": 2, "scene_cut": false, "b_frames": 3},
  "ladder": [
    {"name": "360p", "codec": "h264", "width": 640, "height": 360,
     "rate_control": {"mode": "vbr", "bitrate_kbps": 800, "max_kbps": 1200},
     "profile": "main", "speed": "veryfast", "encoder": "auto", "audio": "aac"},
    {"name": "720p", "codec": "h264", "width": 1280, "height": 720,
     "rate_control": {"mode": "crf", "crf": 23}},
    {"name": "1080p", "codec": "hevc", "height": 1080, "keep_aspect": false,
     "rate_control": {"mode": "capped_crf", "crf": 24, "max_kbps": 6000, "bufsize_kbps": 12000},
     "profile": "main10", "level": "5.1", "encoder": "libx265", "audio": "opus"},
    {"name": "av1-720", "codec": "av1", "width": 1280,
     "rate_control": {"mode": "cbr", "bitrate_kbps": 2000}, "speed": "8"}
  ],
  "audio": [
    {"name": "aac", "codec": "aac", "bitrate_kbps": 128},
    {"name": "opus", "codec": "opus", "bitrate_kbps": 96, "channels": 2, "sample_rate": 48000, "language": "en"}
  ],
  "packaging": {"segment_duration_s": 4, "hls": true, "dash": true, "hls_segment_format": "fmp4",
                "progressive_mp4": false},
  "naming": {"asset": "{stem}", "rendition": "{name}"}
})";

const QStringList kBuiltins{QStringLiteral("av1-ladder"), QStringLiteral("hevc-4k-ladder"),
                            QStringLiteral("proxy-edit"), QStringLiteral("web-h264-cenc"),
                            QStringLiteral("web-h264-ladder")};

QJsonObject baseDoc()
{
    return QJsonDocument::fromJson(kBaseDoc).object();
}

// Sets (or with kRemove deletes) the value at a path like "ladder[0].rate_control.crf".
QJsonValue setAt(const QJsonValue &node, QStringList segments, const QJsonValue &value)
{
    const QString segment = segments.takeFirst();
    const qsizetype open = segment.indexOf(QLatin1Char('['));
    const QString key = open < 0 ? segment : segment.left(open);
    QJsonObject object = node.toObject();
    QJsonValue child;
    if (open >= 0) {
        const int index = segment.mid(open + 1, segment.size() - open - 2).toInt();
        QJsonArray array = object.value(key).toArray();
        const QJsonValue element = segments.isEmpty() ? value : setAt(array.at(index), segments, value);
        if (element.isUndefined())
            array.removeAt(index);
        else if (index < array.size())
            array[index] = element;
        else
            array.append(element);
        child = array;
    } else {
        child = segments.isEmpty() ? value : setAt(object.value(key), segments, value);
    }
    if (child.isUndefined())
        object.remove(key);
    else
        object.insert(key, child);
    return object;
}

QJsonObject edited(const Edits &edits)
{
    QJsonObject doc = baseDoc();
    for (const auto &[path, value] : edits)
        doc = setAt(doc, path.split(QLatin1Char('.')), value).toObject();
    return doc;
}

QStringList issueStrings(const QList<PresetIssue> &issues)
{
    QStringList out;
    for (const PresetIssue &issue : issues)
        out.append(issue.toString());
    return out;
}

QByteArray readResource(const QString &name)
{
    QFile file(QStringLiteral(":/presets/%1.json").arg(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CliRun runCli(const QStringList &args, const QString &workDir = {})
{
    QProcess process;
    if (!workDir.isEmpty())
        process.setWorkingDirectory(workDir);
    process.start(QStringLiteral(RENDITION_CLI), QStringList{QStringLiteral("presets")} + args);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestPreset : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void validPresets_data();
    void validPresets();
    void invalidPresets_data();
    void invalidPresets();
    void allProblemsAreReported();
    void defaultsWhenAbsent();
    void jsonSyntaxErrors_data();
    void jsonSyntaxErrors();
    void integersWrittenAsDoubles_data();
    void integersWrittenAsDoubles();
    void canonicalJsonIsStable();
    void canonicalJsonDropsValuesTheModeIgnores();
    void enumNames();
    void audioNamed();
    void drmRoundTrip();

    void builtinNames();
    void builtins_data();
    void builtins();
    void builtinContents();
    void loadPresetErrors();
    void loadPresetFromFile();

    void cliList();
    void cliShow();
    void cliValidate_data();
    void cliValidate();
    void cliExport();
    void cliUsageErrors_data();
    void cliUsageErrors();

private:
    QTemporaryDir m_dir;
    QString writeFile(const QString &name, const QByteArray &bytes);
};

void TestPreset::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(validatePreset(baseDoc()).isEmpty(),
             qPrintable(issueStrings(validatePreset(baseDoc())).join(QLatin1Char('\n'))));
}

QString TestPreset::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

// ---- valid documents ------------------------------------------------------------------------

void TestPreset::validPresets_data()
{
    QTest::addColumn<Edits>("edits");
    auto row = [](const char *name, const Edits &edits) { QTest::newRow(name) << edits; };

    row("base", {});
    row("width only", {{"ladder[0].height", kRemove}});
    row("height only", {{"ladder[0].width", kRemove}});
    row("width 0 = derived", {{"ladder[0].width", 0}});
    row("size bounds", {{"ladder[0].width", 16}, {"ladder[0].height", 8192}});
    row("keep_aspect false", {{"ladder[0].keep_aspect", false}});
    row("h264 crf 0", {{"ladder[1].rate_control.crf", 0}});
    row("h264 crf 51", {{"ladder[1].rate_control.crf", 51}});
    row("hevc crf 51", {{"ladder[2].rate_control.crf", 51}});
    row("av1 crf 63", {{"ladder[3].rate_control", QJsonObject{{"mode", "crf"}, {"crf", 63}}}});
    row("capped_crf without bufsize", {{"ladder[2].rate_control.bufsize_kbps", kRemove}});
    row("vbr without max", {{"ladder[0].rate_control.max_kbps", kRemove}});
    row("vbr max 0 = uncapped", {{"ladder[0].rate_control.max_kbps", 0}});
    row("vbr max == target", {{"ladder[0].rate_control.max_kbps", 800}});
    row("vbr bufsize 0", {{"ladder[0].rate_control.bufsize_kbps", 0}});
    row("cbr max == target", {{"ladder[3].rate_control.max_kbps", 2000}});
    row("bitrate bounds", {{"ladder[0].rate_control.bitrate_kbps", 16},
                           {"ladder[0].rate_control.max_kbps", 200000}});
    row("h264 baseline", {{"ladder[0].profile", "baseline"}});
    row("h264 high10", {{"ladder[0].profile", "high10"}});
    row("hevc main", {{"ladder[2].profile", "main"}});
    row("av1 main", {{"ladder[3].profile", "main"}});
    row("empty profile", {{"ladder[0].profile", ""}});
    row("h264 level 4.1", {{"ladder[0].level", "4.1"}});
    row("h264 level 1b", {{"ladder[0].level", "1b"}});
    row("h264 level 5", {{"ladder[0].level", "5"}});
    row("h264 level 3.0", {{"ladder[0].level", "3.0"}});
    row("hevc level 6.2", {{"ladder[2].level", "6.2"}});
    row("av1 level 5.1", {{"ladder[3].level", "5.1"}});
    row("x264 placebo", {{"ladder[0].speed", "placebo"}});
    row("x265 ultrafast", {{"ladder[2].speed", "ultrafast"}});
    row("svt preset 0", {{"ladder[3].speed", "0"}});
    row("svt preset 13", {{"ladder[3].speed", "13"}});
    row("encoder software", {{"ladder[0].encoder", "software"}});
    row("encoder libx264", {{"ladder[0].encoder", "libx264"}});
    row("encoder h264_nvenc", {{"ladder[0].encoder", "h264_nvenc"}});
    row("encoder h264_vaapi", {{"ladder[1].encoder", "h264_vaapi"}});
    row("encoder hevc_qsv", {{"ladder[2].encoder", "hevc_qsv"}});
    row("encoder libsvtav1", {{"ladder[3].encoder", "libsvtav1"}});
    row("encoder libaom-av1", {{"ladder[3].encoder", "libaom-av1"}});
    row("encoder av1_vaapi", {{"ladder[3].encoder", "av1_vaapi"}});
    row("rung audio empty = first", {{"ladder[0].audio", ""}});
    row("video only", {{"audio", kRemove}, {"ladder[0].audio", kRemove}, {"ladder[2].audio", kRemove}});
    row("empty audio list", {{"audio", QJsonArray()}, {"ladder[0].audio", ""}, {"ladder[2].audio", ""}});
    row("aac 5.1 384k 44.1k", {{"audio[0].channels", 6}, {"audio[0].bitrate_kbps", 384}, {"audio[0].sample_rate", 44100}});
    row("aac bitrate bounds", {{"audio[0].bitrate_kbps", 16}, {"audio[1].bitrate_kbps", 510}});
    row("aac 512k", {{"audio[0].bitrate_kbps", 512}});
    row("aac mono 96k", {{"audio[0].channels", 1}, {"audio[0].sample_rate", 96000}});
    row("opus 24k rate", {{"audio[1].sample_rate", 24000}});
    row("language pt-BR", {{"audio[1].language", "pt-BR"}});
    row("language empty", {{"audio[1].language", ""}});
    row("progressive only", {{"packaging.hls", false}, {"packaging.dash", false}, {"packaging.progressive_mp4", true}});
    row("dash only", {{"packaging.hls", false}});
    row("hls mpegts", {{"packaging.hls_segment_format", "mpegts"}, {"ladder[3]", kRemove}});
    row("segment 1 s", {{"packaging.segment_duration_s", 1}});
    row("segment 30 s", {{"packaging.segment_duration_s", 30}});
    row("segment 2.5 s", {{"packaging.segment_duration_s", 2.5}});
    row("no packaging object", {{"packaging", kRemove}});
    row("asset with preset", {{"naming.asset", "{stem}-{preset}"}});
    row("rendition all tokens", {{"naming.rendition", "{name}_{width}x{height}_{codec}"}});
    row("rendition {height}p", {{"naming.rendition", "{height}p"}});
    row("no naming object", {{"naming", kRemove}});
    row("gop bounds", {{"gop.keyframes_per_segment", 10}, {"gop.b_frames", 16}, {"gop.scene_cut", true}});
    row("gop b_frames 0", {{"gop.b_frames", 0}});
    row("no gop object", {{"gop", kRemove}});
    row("deinterlace on", {{"deinterlace", "on"}});
    row("deinterlace off", {{"deinterlace", "off"}});
    row("name with dots", {{"name", "my.preset_v2-final"}});
    row("no description", {{"description", kRemove}});
    row("version 7", {{"version", 7}});
    // drm (ladder[3] is av1, which cenc refuses)
    const QJsonValue noAv1 = kRemove;
    row("drm none", {{"drm", QJsonObject{{"scheme", "none"}}}});
    row("drm empty object", {{"drm", QJsonObject()}});
    row("drm none ignores packaging", {{"drm.scheme", "none"}, {"packaging.progressive_mp4", true}});
    row("drm cenc generated", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"}});
    row("drm cenc all systems", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"},
                                 {"drm.systems", QJsonArray{"clearkey", "widevine", "playready"}},
                                 {"drm.widevine_provider", "widevine_test"}, {"drm.content_id", "movie-1"},
                                 {"drm.playready_la_url", "https://pr.example.com/rightsmanager.asmx?cfg=1"}});
    row("drm systems without clearkey", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"}, {"drm.systems", QJsonArray{"playready"}}});
    row("drm systems empty", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"}, {"drm.systems", QJsonArray()}});
    row("drm cenc dash only", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"}, {"packaging.hls", false}});
    row("drm cenc hls fmp4 only", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"}, {"packaging.dash", false}});
    row("drm cenc ts-hls + dash = cmaf", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"},
                                          {"packaging.hls_segment_format", "mpegts"}});
    row("drm cenc key_file", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"}, {"drm.key_source", "key_file"},
                              {"drm.key_file", "/secrets/asset.keys"}});
    row("drm cenc cpix", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"}, {"drm.key_source", "cpix"},
                          {"drm.key_file", "keys/asset.cpix.xml"}});
    row("drm hls-aes128", {{"ladder[3]", noAv1}, {"drm.scheme", "hls-aes128"}, {"packaging.dash", false},
                           {"packaging.hls_segment_format", "mpegts"}});
    row("drm hls-aes128 clearkey listed", {{"ladder[3]", noAv1}, {"drm.scheme", "hls-aes128"}, {"packaging.dash", false},
                                           {"packaging.hls_segment_format", "mpegts"}, {"drm.systems", QJsonArray{"clearkey"}}});
    row("drm key_uri absolute", {{"drm.key_uri", "https://keys.example.com/v1/{kid}?fmt=raw&x=%20"}});
    row("drm key_uri kid twice", {{"drm.key_uri", "/k/{kid}/{kid}.bin"}});
}

void TestPreset::validPresets()
{
    QFETCH(Edits, edits);
    const QJsonObject doc = edited(edits);
    const QList<PresetIssue> issues = validatePreset(doc);
    QVERIFY2(issues.isEmpty(), qPrintable(issueStrings(issues).join(QLatin1Char('\n'))));

    const Result<Preset> first = parsePreset(doc);
    QVERIFY(first.ok());
    // Round trip: toJson() is valid, re-parses to the same preset, and is a fixed point.
    const QJsonObject json = first->toJson();
    QVERIFY(validatePreset(json).isEmpty());
    const Result<Preset> second = parsePreset(json);
    QVERIFY(second.ok());
    QCOMPARE(second->canonicalJson(), first->canonicalJson());
    QCOMPARE(second->toJson(), json);
}

// ---- invalid documents: one row per rule, exact path + message fragment ----------------------

void TestPreset::invalidPresets_data()
{
    QTest::addColumn<Edits>("edits");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    auto row = [](const char *name, const Edits &edits, const char *path, const char *message) {
        QTest::newRow(name) << edits << QString::fromUtf8(path) << QString::fromUtf8(message);
    };

    // document
    row("schema missing", {{"schema", kRemove}}, "schema", "is required");
    row("schema wrong", {{"schema", "rendition.preset/2"}}, "schema", "must be \"rendition.preset/1\" (got \"rendition.preset/2\")");
    row("schema type", {{"schema", 1}}, "schema", "must be a string");
    row("name missing", {{"name", kRemove}}, "name", "is required");
    row("name empty", {{"name", ""}}, "name", "must not be empty");
    row("name chars", {{"name", "my preset"}}, "name", "only letters, digits, '_', '.' and '-'");
    row("name slash", {{"name", "a/b"}}, "name", "only letters");
    row("name dotdot", {{"name", ".."}}, "name", "must not be '.' or '..'");
    row("name null", {{"name", kNull}}, "name", "must be a string");
    row("description type", {{"description", QJsonArray()}}, "description", "must be a string");
    row("version 0", {{"version", 0}}, "version", "must be between 1 and");
    row("version fraction", {{"version", 1.5}}, "version", "must be an integer");
    row("version string", {{"version", "1"}}, "version", "must be an integer");
    row("deinterlace value", {{"deinterlace", "maybe"}}, "deinterlace", "must be one of auto, off or on");
    row("unknown top field", {{"colour", "red"}}, "colour", "unknown field");
    row("unknown with hint", {{"descripton", "x"}}, "descripton", "unknown field (did you mean \"description\"?)");
    // gop
    row("gop type", {{"gop", QJsonArray()}}, "gop", "must be an object");
    row("keyframes 0", {{"gop.keyframes_per_segment", 0}}, "gop.keyframes_per_segment", "must be between 1 and 10");
    row("keyframes 11", {{"gop.keyframes_per_segment", 11}}, "gop.keyframes_per_segment", "must be between 1 and 10");
    row("scene_cut type", {{"gop.scene_cut", "yes"}}, "gop.scene_cut", "must be true or false");
    row("b_frames 17", {{"gop.b_frames", 17}}, "gop.b_frames", "must be between 0 and 16");
    row("b_frames -1", {{"gop.b_frames", -1}}, "gop.b_frames", "must be between 0 and 16");
    row("b_frames fraction", {{"gop.b_frames", 2.5}}, "gop.b_frames", "must be an integer");
    row("gop unknown", {{"gop.closed", true}}, "gop.closed", "unknown field");
    // ladder
    row("ladder missing", {{"ladder", kRemove}}, "ladder", "is required");
    row("ladder empty", {{"ladder", QJsonArray()}}, "ladder", "must not be empty");
    row("ladder type", {{"ladder", QJsonObject()}}, "ladder", "must be an array");
    row("rung type", {{"ladder[1]", 5}}, "ladder[1]", "must be an object");
    row("rung name missing", {{"ladder[0].name", kRemove}}, "ladder[0].name", "is required");
    row("rung name empty", {{"ladder[0].name", ""}}, "ladder[0].name", "must not be empty");
    row("rung name chars", {{"ladder[0].name", "a.b"}}, "ladder[0].name", "it becomes a folder name");
    row("rung name duplicate", {{"ladder[2].name", "360p"}}, "ladder[2].name", "\"360p\" is already used by ladder[0]");
    row("rung name = audio name", {{"audio[0].name", "720p"}, {"ladder[0].audio", ""}}, "audio[0].name", "already used by ladder[1]");
    row("codec missing", {{"ladder[0].codec", kRemove}}, "ladder[0].codec", "is required");
    row("codec unknown", {{"ladder[0].codec", "vp9"}}, "ladder[0].codec", "must be one of h264, hevc or av1 (got \"vp9\")");
    row("width odd", {{"ladder[0].width", 641}}, "ladder[0].width", "must be even");
    row("height odd", {{"ladder[0].height", 361}}, "ladder[0].height", "must be even");
    row("width too small", {{"ladder[0].width", 8}}, "ladder[0].width", "must be 0 (derived from the source) or between 16 and 8192");
    row("width too large", {{"ladder[0].width", 8194}}, "ladder[0].width", "between 16 and 8192");
    row("height negative", {{"ladder[0].height", -360}}, "ladder[0].height", "between 16 and 8192");
    row("width string", {{"ladder[1].width", "1280"}}, "ladder[1].width", "must be an integer");
    row("width fraction", {{"ladder[1].width", 1280.5}}, "ladder[1].width", "must be an integer");
    row("no size", {{"ladder[1].width", kRemove}, {"ladder[1].height", kRemove}}, "ladder[1]", "needs a width or a height");
    row("both sizes 0", {{"ladder[1].width", 0}, {"ladder[1].height", 0}}, "ladder[1]", "needs a width or a height");
    row("keep_aspect type", {{"ladder[0].keep_aspect", "no"}}, "ladder[0].keep_aspect", "must be true or false");
    row("rate_control missing", {{"ladder[0].rate_control", kRemove}}, "ladder[0].rate_control", "is required");
    row("rate_control type", {{"ladder[0].rate_control", "crf"}}, "ladder[0].rate_control", "must be an object");
    row("mode missing", {{"ladder[1].rate_control.mode", kRemove}}, "ladder[1].rate_control.mode", "is required");
    row("mode unknown", {{"ladder[1].rate_control.mode", "abr"}}, "ladder[1].rate_control.mode", "must be one of crf, capped_crf, vbr or cbr");
    row("crf required (crf)", {{"ladder[1].rate_control.crf", kRemove}}, "ladder[1].rate_control.crf", "is required for mode crf");
    row("crf required (capped)", {{"ladder[2].rate_control.crf", kRemove}}, "ladder[2].rate_control.crf", "is required for mode capped_crf");
    row("h264 crf 52", {{"ladder[1].rate_control.crf", 52}}, "ladder[1].rate_control.crf", "must be between 0 and 51");
    row("h264 crf -1", {{"ladder[1].rate_control.crf", -1}}, "ladder[1].rate_control.crf", "must be between 0 and 51");
    row("hevc crf 52", {{"ladder[2].rate_control.crf", 52}}, "ladder[2].rate_control.crf", "must be between 0 and 51");
    row("av1 crf 64", {{"ladder[3].rate_control", QJsonObject{{"mode", "crf"}, {"crf", 64}}}}, "ladder[3].rate_control.crf", "must be between 0 and 63");
    row("crf type", {{"ladder[1].rate_control.crf", "23"}}, "ladder[1].rate_control.crf", "must be an integer");
    row("crf unused by vbr", {{"ladder[0].rate_control.crf", 23}}, "ladder[0].rate_control.crf", "is not used by mode vbr; remove it");
    row("bitrate unused by crf", {{"ladder[1].rate_control.bitrate_kbps", 900}}, "ladder[1].rate_control.bitrate_kbps", "is not used by mode crf");
    row("max unused by crf", {{"ladder[1].rate_control.max_kbps", 900}}, "ladder[1].rate_control.max_kbps", "use capped_crf");
    row("bufsize unused by crf", {{"ladder[1].rate_control.bufsize_kbps", 900}}, "ladder[1].rate_control.bufsize_kbps", "is not used by mode crf");
    row("capped needs max", {{"ladder[2].rate_control.max_kbps", kRemove}}, "ladder[2].rate_control.max_kbps", "is required for mode capped_crf");
    row("capped max 0", {{"ladder[2].rate_control.max_kbps", 0}}, "ladder[2].rate_control.max_kbps", "is required for mode capped_crf");
    row("vbr needs bitrate", {{"ladder[0].rate_control.bitrate_kbps", kRemove}}, "ladder[0].rate_control.bitrate_kbps", "is required for mode vbr");
    row("vbr max below target", {{"ladder[0].rate_control.max_kbps", 700}}, "ladder[0].rate_control.max_kbps", "must be at least bitrate_kbps (800)");
    row("cbr needs bitrate", {{"ladder[3].rate_control.bitrate_kbps", kRemove}}, "ladder[3].rate_control.bitrate_kbps", "is required for mode cbr");
    row("cbr max differs", {{"ladder[3].rate_control.max_kbps", 2500}}, "ladder[3].rate_control.max_kbps", "must equal bitrate_kbps (2000)");
    row("bufsize negative", {{"ladder[0].rate_control.bufsize_kbps", -1}}, "ladder[0].rate_control.bufsize_kbps", "must be between 0 and");
    row("bitrate too low", {{"ladder[0].rate_control.bitrate_kbps", 15}}, "ladder[0].rate_control.bitrate_kbps", "must be between 16 and 200000");
    row("bitrate too high", {{"ladder[3].rate_control.bitrate_kbps", 200001}}, "ladder[3].rate_control.bitrate_kbps", "must be between 16 and 200000");
    row("max too low", {{"ladder[2].rate_control.max_kbps", 10}}, "ladder[2].rate_control.max_kbps", "between 16 and 200000");
    row("max too high", {{"ladder[2].rate_control.max_kbps", 300000}}, "ladder[2].rate_control.max_kbps", "200000");
    row("rate_control unknown", {{"ladder[0].rate_control.qp", 20}}, "ladder[0].rate_control.qp", "unknown field");
    row("h264 profile main10", {{"ladder[0].profile", "main10"}}, "ladder[0].profile", "must be one of baseline, main, high, high10 for h264");
    row("hevc profile high", {{"ladder[2].profile", "high"}}, "ladder[2].profile", "must be one of main, main10 for hevc");
    row("av1 profile high", {{"ladder[3].profile", "high"}}, "ladder[3].profile", "must be one of main for av1");
    row("profile type", {{"ladder[0].profile", 1}}, "ladder[0].profile", "must be a string");
    row("h264 level 4.7", {{"ladder[0].level", "4.7"}}, "ladder[0].level", "must be a level for h264 from 1.0 to 6.2");
    row("h264 level 41", {{"ladder[0].level", "41"}}, "ladder[0].level", "level for h264");
    row("hevc level 1b", {{"ladder[2].level", "1b"}}, "ladder[2].level", "must be a level for hevc");
    row("hevc level 4.2", {{"ladder[2].level", "4.2"}}, "ladder[2].level", "level for hevc");
    row("av1 level 1.0", {{"ladder[3].level", "1.0"}}, "ladder[3].level", "must be a level for av1 from 2.0 to 7.3");
    row("x264 speed", {{"ladder[0].speed", "turbo"}}, "ladder[0].speed", "must be one of ultrafast,");
    row("svt speed 14", {{"ladder[3].speed", "14"}}, "ladder[3].speed", "SVT-AV1 preset from 0 (slowest) to 13");
    row("svt speed name", {{"ladder[3].speed", "veryfast"}}, "ladder[3].speed", "SVT-AV1 preset");
    row("encoder for other codec", {{"ladder[0].encoder", "hevc_nvenc"}}, "ladder[0].encoder", "\"hevc_nvenc\" does not encode h264");
    row("libx264 for hevc", {{"ladder[2].encoder", "libx264"}}, "ladder[2].encoder", "does not encode hevc; use software, auto, libx265 or hevc_*");
    row("libx265 for av1", {{"ladder[3].encoder", "libx265"}}, "ladder[3].encoder", "does not encode av1; use software, auto, libsvtav1, libaom-av1, librav1e or av1_*");
    row("bare prefix", {{"ladder[1].encoder", "h264_"}}, "ladder[1].encoder", "does not encode h264");
    row("encoder empty", {{"ladder[0].encoder", ""}}, "ladder[0].encoder", "must be software, auto or an FFmpeg encoder name");
    row("encoder garbage", {{"ladder[0].encoder", "Lib X264"}}, "ladder[0].encoder", "FFmpeg encoder name");
    row("rung audio unknown", {{"ladder[0].audio", "missing"}}, "ladder[0].audio", "no audio rendition is named \"missing\"");
    row("rung audio, no audio", {{"audio", kRemove}, {"ladder[0].audio", kRemove}}, "ladder[2].audio", "no audio rendition is named \"opus\"");
    row("rung unknown field", {{"ladder[0].bitrat", 800}}, "ladder[0].bitrat", "unknown field");
    row("rung unknown hint", {{"ladder[0].widht", 800}}, "ladder[0].widht", "did you mean \"width\"?");
    row("truncated key hint", {{"ladder[0].rate_control.bitrat", 800}}, "ladder[0].rate_control.bitrat",
        "unknown field (did you mean \"bitrate_kbps\"?)");
    // audio
    row("audio type", {{"audio", QJsonObject()}}, "audio", "must be an array");
    row("audio element type", {{"audio[0]", "aac"}}, "audio[0]", "must be an object");
    row("audio name missing", {{"audio[0].name", kRemove}}, "audio[0].name", "is required");
    row("audio name chars", {{"audio[0].name", "a b"}}, "audio[0].name", "it becomes a folder name");
    row("audio name duplicate", {{"audio[1].name", "aac"}, {"ladder[2].audio", ""}}, "audio[1].name", "\"aac\" is already used by audio[0]");
    row("audio codec missing", {{"audio[0].codec", kRemove}}, "audio[0].codec", "is required");
    row("audio codec unknown", {{"audio[0].codec", "mp3"}}, "audio[0].codec", "must be one of aac or opus");
    row("audio bitrate missing", {{"audio[0].bitrate_kbps", kRemove}}, "audio[0].bitrate_kbps", "is required");
    row("aac bitrate 513", {{"audio[0].bitrate_kbps", 513}}, "audio[0].bitrate_kbps", "must be between 16 and 512 for aac");
    row("aac bitrate 8", {{"audio[0].bitrate_kbps", 8}}, "audio[0].bitrate_kbps", "must be between 16 and 512 for aac");
    row("opus bitrate 511", {{"audio[1].bitrate_kbps", 511}}, "audio[1].bitrate_kbps", "must be between 16 and 510 for opus");
    row("channels 3", {{"audio[0].channels", 3}}, "audio[0].channels", "must be 1 (mono), 2 (stereo) or 6 (5.1)");
    row("channels 0", {{"audio[0].channels", 0}}, "audio[0].channels", "must be 1 (mono), 2 (stereo) or 6");
    row("channels fraction", {{"audio[0].channels", 2.5}}, "audio[0].channels", "must be an integer");
    row("sample rate odd", {{"audio[0].sample_rate", 44000}}, "audio[0].sample_rate", "must be a standard rate");
    row("sample rate high", {{"audio[0].sample_rate", 192000}}, "audio[0].sample_rate", "must be a standard rate");
    row("sample rate low", {{"audio[0].sample_rate", 4000}}, "audio[0].sample_rate", "must be a standard rate");
    row("opus 44.1k", {{"audio[1].sample_rate", 44100}}, "audio[1].sample_rate", "must be 8000, 12000, 16000, 24000 or 48000 for opus");
    row("language word", {{"audio[1].language", "english"}}, "audio[1].language", "must be a language tag");
    row("language type", {{"audio[1].language", 5}}, "audio[1].language", "must be a string");
    row("audio unknown", {{"audio[0].bitrate", 128}}, "audio[0].bitrate", "unknown field");
    // packaging
    row("packaging type", {{"packaging", true}}, "packaging", "must be an object");
    row("segment too short", {{"packaging.segment_duration_s", 0.5}}, "packaging.segment_duration_s", "must be between 1 and 30");
    row("segment too long", {{"packaging.segment_duration_s", 31}}, "packaging.segment_duration_s", "must be between 1 and 30");
    row("segment type", {{"packaging.segment_duration_s", "4"}}, "packaging.segment_duration_s", "must be a number");
    row("hls type", {{"packaging.hls", "true"}}, "packaging.hls", "must be true or false");
    row("dash type", {{"packaging.dash", 1}}, "packaging.dash", "must be true or false");
    row("no output", {{"packaging.hls", false}, {"packaging.dash", false}}, "packaging", "set at least one of hls, dash or progressive_mp4");
    row("segment format unknown", {{"packaging.hls_segment_format", "ts"}}, "packaging.hls_segment_format", "must be one of fmp4 or mpegts");
    row("mpegts without hls", {{"packaging.hls", false}, {"packaging.hls_segment_format", "mpegts"}}, "packaging.hls_segment_format", "only used by HLS");
    row("mpegts with av1", {{"packaging.hls_segment_format", "mpegts"}}, "packaging.hls_segment_format", "mpegts cannot carry av1 (ladder[3])");
    row("packaging unknown", {{"packaging.cmaf", true}}, "packaging.cmaf", "unknown field");
    // naming
    row("naming type", {{"naming", "x"}}, "naming", "must be an object");
    row("asset empty", {{"naming.asset", ""}}, "naming.asset", "must not be empty");
    row("asset slash", {{"naming.asset", "{stem}/{preset}"}}, "naming.asset", "must not contain '/'");
    row("asset dotdot", {{"naming.asset", "{stem}..x"}}, "naming.asset", "must not contain '..'");
    row("asset token", {{"naming.asset", "{stem}-{name}"}}, "naming.asset", "unknown token {name}; use {stem} {preset}");
    row("asset without stem", {{"naming.asset", "{preset}"}}, "naming.asset", "must contain {stem}");
    row("asset unmatched", {{"naming.asset", "{stem"}}, "naming.asset", "unmatched");
    row("asset type", {{"naming.asset", 3}}, "naming.asset", "must be a string");
    row("rendition token", {{"naming.rendition", "{name}-{stem}"}}, "naming.rendition", "unknown token {stem}; use {name} {width} {height} {codec}");
    row("rendition empty", {{"naming.rendition", ""}}, "naming.rendition", "must not be empty");
    row("rendition backslash", {{"naming.rendition", "a\\{name}"}}, "naming.rendition", "must not contain '/' or '\\'");
    row("rendition dot", {{"naming.rendition", "."}}, "naming.rendition", "be '.'");
    row("rendition collision", {{"naming.rendition", "{codec}"}}, "naming.rendition", "gives ladder[0] and ladder[1] the same folder \"h264\"; add {name}");
    row("naming unknown", {{"naming.segment", "x"}}, "naming.segment", "unknown field");
    // drm: ladder[3] is av1; packaging is hls fmp4 + dash
    const QJsonValue noAv1 = kRemove;
    const Edits tsOnly{{"ladder[3]", noAv1}, {"packaging.dash", false}, {"packaging.hls_segment_format", "mpegts"}};
    auto with = [](Edits edits, const Edits &more) { return edits << more; };
    row("drm type", {{"drm", "cenc"}}, "drm", "must be an object");
    row("drm unknown field", {{"drm.kid", "x"}}, "drm.kid", "unknown field");
    row("drm unknown hint", {{"drm.key_url", "/k/{kid}"}}, "drm.key_url", "did you mean \"key_uri\"?");
    row("drm scheme unknown", {{"drm.scheme", "fairplay"}}, "drm.scheme", "must be one of none, cenc or hls-aes128 (got \"fairplay\")");
    row("drm scheme type", {{"drm.scheme", true}}, "drm.scheme", "must be a string");
    row("drm key_source unknown", {{"drm.key_source", "kms"}}, "drm.key_source", "must be one of generate, key_file or cpix (got \"kms\")");
    row("drm key_file required", {{"drm.key_source", "key_file"}}, "drm.key_file", "is required for key_source key_file; give the path of the KID:KEY file");
    row("drm key_file empty", {{"drm.key_source", "key_file"}, {"drm.key_file", ""}}, "drm.key_file", "is required for key_source key_file");
    row("drm cpix file required", {{"drm.key_source", "cpix"}}, "drm.key_file", "is required for key_source cpix; give the path of the CPIX document");
    row("drm key_file unused", {{"drm.key_file", "a.keys"}}, "drm.key_file", "is not used by key_source generate");
    row("drm key_file type", {{"drm.key_source", "key_file"}, {"drm.key_file", 1}}, "drm.key_file", "must be a string");
    row("drm systems type", {{"drm.systems", "widevine"}}, "drm.systems", "must be an array");
    row("drm system unknown", {{"drm.systems", QJsonArray{"clearkey", "fairplay"}}}, "drm.systems[1]", "must be one of clearkey, widevine or playready (got \"fairplay\")");
    row("drm system type", {{"drm.systems", QJsonArray{1}}}, "drm.systems[0]", "must be a string");
    row("drm system twice", {{"drm.systems", QJsonArray{"widevine", "widevine"}}}, "drm.systems[1]", "\"widevine\" is listed twice");
    row("drm provider without widevine", {{"drm.widevine_provider", "p"}}, "drm.widevine_provider", "only used with widevine in systems");
    row("drm content_id without widevine", {{"drm.content_id", "c"}, {"drm.systems", QJsonArray{"playready"}}}, "drm.content_id", "only used with widevine");
    row("drm la_url without playready", {{"drm.playready_la_url", "https://x.example/pr"}}, "drm.playready_la_url", "only used with playready in systems");
    row("drm la_url not http", {{"drm.systems", QJsonArray{"playready"}}, {"drm.playready_la_url", "ftp://x.example/pr"}}, "drm.playready_la_url", "must be an http:// or https:// URL, or empty");
    row("drm la_url no host", {{"drm.systems", QJsonArray{"playready"}}, {"drm.playready_la_url", "https:///pr"}}, "drm.playready_la_url", "must be an http:// or https:// URL");
    row("drm key_uri without kid", {{"drm.key_uri", "/keys/key.bin"}}, "drm.key_uri", "must contain {kid}");
    row("drm key_uri empty", {{"drm.key_uri", ""}}, "drm.key_uri", "must contain {kid}");
    row("drm key_uri space", {{"drm.key_uri", "/my keys/{kid}"}}, "drm.key_uri", "must not contain whitespace");
    row("drm key_uri tab", {{"drm.key_uri", "/keys/{kid}\t"}}, "drm.key_uri", "must not contain whitespace");
    row("drm key_uri quote", {{"drm.key_uri", "/keys/\"{kid}\""}}, "drm.key_uri", "must not contain '\"' or ','");
    row("drm key_uri token", {{"drm.key_uri", "/keys/{asset}/{kid}"}}, "drm.key_uri", "unknown token; {kid} is the only one");
    row("drm key_uri type", {{"drm.key_uri", QJsonArray()}}, "drm.key_uri", "must be a string");
    row("cenc with av1", {{"drm.scheme", "cenc"}}, "drm.scheme", "av1 is not supported by the CENC encryptor yet (ladder[3])");
    row("cenc with ts-hls only", with(tsOnly, {{"drm.scheme", "cenc"}}), "drm.scheme", "cenc needs fMP4 segments; set packaging.hls_segment_format to fmp4 or packaging.dash to true");
    row("cenc with progressive", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"}, {"packaging.progressive_mp4", true}}, "drm.scheme", "cenc does not protect progressive MP4 files");
    row("cenc progressive only", {{"ladder[3]", noAv1}, {"drm.scheme", "cenc"}, {"packaging.hls", false}, {"packaging.dash", false}, {"packaging.progressive_mp4", true}}, "drm.scheme", "does not protect progressive MP4");
    row("aes128 without hls", with(tsOnly, {{"drm.scheme", "hls-aes128"}, {"packaging.hls", false}, {"packaging.hls_segment_format", "fmp4"}, {"packaging.dash", true}}), "drm.scheme", "hls-aes128 encrypts HLS segments only; set packaging.hls to true");
    row("aes128 with dash", with(tsOnly, {{"drm.scheme", "hls-aes128"}, {"packaging.dash", true}}), "drm.scheme", "hls-aes128 cannot protect DASH; set packaging.dash to false");
    row("aes128 with fmp4", {{"ladder[3]", noAv1}, {"drm.scheme", "hls-aes128"}, {"packaging.dash", false}}, "drm.scheme", "hls-aes128 needs packaging.hls_segment_format mpegts");
    row("aes128 with progressive", with(tsOnly, {{"drm.scheme", "hls-aes128"}, {"packaging.progressive_mp4", true}}), "drm.scheme", "hls-aes128 does not protect progressive MP4 files");
    row("aes128 with widevine", with(tsOnly, {{"drm.scheme", "hls-aes128"}, {"drm.systems", QJsonArray{"clearkey", "widevine"}}}), "drm.systems", "widevine and playready need scheme cenc");
}

void TestPreset::invalidPresets()
{
    QFETCH(Edits, edits);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const QJsonObject doc = edited(edits);
    const QList<PresetIssue> issues = validatePreset(doc);
    const QString all = issueStrings(issues).join(QLatin1Char('\n'));
    const bool found = std::any_of(issues.begin(), issues.end(), [&](const PresetIssue &i) {
        return i.path == path && i.message.contains(message);
    });
    QVERIFY2(found, qPrintable(QStringLiteral("expected \"%1: …%2…\", got:\n%3").arg(path, message, all)));

    QList<PresetIssue> fromParse;
    const Result<Preset> parsed = parsePreset(doc, &fromParse);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QStringLiteral("preset.invalid"));
    QCOMPARE(parsed.error().message, all); // every issue, one per line
    QCOMPARE(issueStrings(fromParse), issueStrings(issues));
}

void TestPreset::allProblemsAreReported()
{
    const QJsonObject doc = edited({{"name", ""},
                                    {"ladder[0].height", 361},
                                    {"ladder[1].rate_control.crf", 60},
                                    {"ladder[2].bitrat", 1},
                                    {"audio[1].channels", 5},
                                    {"packaging.segment_duration_s", 0}});
    const QStringList expected{
        QStringLiteral("name: must not be empty"),
        QStringLiteral("ladder[0].height: must be even"),
        QStringLiteral("ladder[1].rate_control.crf: must be between 0 and 51"),
        QStringLiteral("ladder[2].bitrat: unknown field"),
        QStringLiteral("audio[1].channels: must be 1 (mono), 2 (stereo) or 6 (5.1)"),
        QStringLiteral("packaging.segment_duration_s: must be between 1 and 30"),
    };
    QCOMPARE(issueStrings(validatePreset(doc)), expected);
}

void TestPreset::defaultsWhenAbsent()
{
    const QJsonObject minimal{
        {"schema", "rendition.preset/1"},
        {"name", "tiny"},
        {"ladder", QJsonArray{QJsonObject{{"name", "a"}, {"codec", "h264"}, {"height", 720},
                                          {"rate_control", QJsonObject{{"mode", "crf"}, {"crf", 20}}}}}}};
    const Result<Preset> p = parsePreset(minimal);
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
    const Preset defaults;
    const Rung rungDefaults;
    QCOMPARE(p->description, QString());
    QCOMPARE(p->version, defaults.version);
    QCOMPARE(p->deinterlace, Deinterlace::Auto);
    QCOMPARE(p->gop.keyframesPerSegment, defaults.gop.keyframesPerSegment);
    QCOMPARE(p->gop.sceneCut, defaults.gop.sceneCut);
    QCOMPARE(p->gop.bFrames, defaults.gop.bFrames);
    QVERIFY(p->audio.isEmpty());
    QCOMPARE(p->packaging.segmentDurationSeconds, defaults.packaging.segmentDurationSeconds);
    QCOMPARE(p->packaging.hls, true);
    QCOMPARE(p->packaging.dash, true);
    QCOMPARE(p->packaging.hlsSegmentFormat, HlsSegmentFormat::Fmp4);
    QCOMPARE(p->packaging.progressiveMp4, false);
    QCOMPARE(p->naming.asset, QStringLiteral("{stem}"));
    QCOMPARE(p->naming.rendition, QStringLiteral("{name}"));
    QCOMPARE(p->ladder.size(), 1);
    const Rung &r = p->ladder.first();
    QCOMPARE(r.width, 0);
    QCOMPARE(r.height, 720);
    QCOMPARE(r.keepAspect, rungDefaults.keepAspect);
    QCOMPARE(r.encoder, QStringLiteral("software"));
    QCOMPARE(r.rateControl.mode, RateControlMode::Crf);
    QCOMPARE(r.rateControl.crf, 20);
    QVERIFY(r.profile.isEmpty() && r.level.isEmpty() && r.speed.isEmpty() && r.audio.isEmpty());

    // Canonical JSON writes every default out.
    const QJsonObject json = p->toJson();
    QCOMPARE(json.keys(), (QStringList{"audio", "deinterlace", "description", "drm", "gop", "ladder", "loudness",
                                       "name", "naming", "packaging", "qc", "schema", "thumbnails", "version"}));
    // Pipeline stages: loudness and thumbnails off unless asked for, QC on with the default rules.
    QCOMPARE(p->loudness.enabled, false);
    QCOMPARE(p->thumbnails.enabled, false);
    QCOMPARE(p->qc.enabled, true);
    QCOMPARE(p->qc.rules.size(), defaultQcRules().size());
    QCOMPARE(json.value("loudness").toObject().keys(),
             (QStringList{"enabled", "over_ceiling", "target_lufs", "true_peak_dbtp"}));
    QCOMPARE(json.value("gop").toObject().keys(), (QStringList{"b_frames", "keyframes_per_segment", "scene_cut"}));
    // No protection unless asked for; ClearKey is always in the canonical systems list.
    QCOMPARE(p->drm.scheme, DrmScheme::None);
    QCOMPARE(p->drm.keySource, KeySource::Generate);
    QVERIFY(!p->drm.widevine && !p->drm.playReady);
    QCOMPARE(p->drm.keyUri, QStringLiteral("/keys/{kid}"));
    QCOMPARE(json.value("drm").toObject(),
             (QJsonObject{{"scheme", "none"}, {"key_source", "generate"}, {"key_file", ""},
                          {"systems", QJsonArray{"clearkey"}}, {"widevine_provider", ""}, {"content_id", ""},
                          {"playready_la_url", ""}, {"key_uri", "/keys/{kid}"}}));
    QCOMPARE(json.value("packaging").toObject().keys(),
             (QStringList{"dash", "hls", "hls_segment_format", "progressive_mp4", "segment_duration_s"}));
    QCOMPARE(json.value("ladder").toArray().at(0).toObject().keys(),
             (QStringList{"audio", "codec", "encoder", "height", "keep_aspect", "level", "name", "profile",
                          "rate_control", "speed", "width"}));
    QCOMPARE(json.value("deinterlace").toString(), QStringLiteral("auto"));
    QCOMPARE(json.value("schema").toString(), QString::fromLatin1(kPresetSchema));
}

void TestPreset::jsonSyntaxErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated") << QByteArray(R"({"schema": "rendition.preset/1", "name": )")
                               << QStringLiteral("JSON syntax error at offset");
    QTest::newRow("trailing comma") << QByteArray(R"({"name": "x",})") << QStringLiteral("JSON syntax error at offset");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("JSON syntax error at offset");
    QTest::newRow("garbage") << QByteArray("not json") << QStringLiteral("JSON syntax error at offset 1");
    QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("must be a JSON object");
}

void TestPreset::jsonSyntaxErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QList<PresetIssue> issues;
    const Result<Preset> p = parsePreset(text, &issues);
    QVERIFY(!p.ok());
    QCOMPARE(p.error().code, QStringLiteral("preset.invalid"));
    QVERIFY2(p.error().message.contains(message), qPrintable(p.error().message));
    QCOMPARE(issues.size(), 1);
    QCOMPARE(issues.first().path, QString());
    QVERIFY(issues.first().message.contains(message));
}

void TestPreset::integersWrittenAsDoubles_data()
{
    QTest::addColumn<QByteArray>("width");
    QTest::addColumn<bool>("valid");
    QTest::newRow("640") << QByteArray("640") << true;
    QTest::newRow("640.0") << QByteArray("640.0") << true;
    QTest::newRow("6.4e2") << QByteArray("6.4e2") << true;
    QTest::newRow("640.5") << QByteArray("640.5") << false;
    QTest::newRow("1e300") << QByteArray("1e300") << false;
    QTest::newRow("true") << QByteArray("true") << false;
}

void TestPreset::integersWrittenAsDoubles()
{
    QFETCH(QByteArray, width);
    QFETCH(bool, valid);
    QByteArray text(kBaseDoc);
    text.replace(R"("width": 640,)", R"("width": )" + width + ',');
    QList<PresetIssue> issues;
    const Result<Preset> p = parsePreset(text, &issues);
    QCOMPARE(p.ok(), valid);
    if (valid) {
        QCOMPARE(p->ladder.first().width, 640);
    } else {
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().path, QStringLiteral("ladder[0].width"));
    }
}

void TestPreset::canonicalJsonIsStable()
{
    const Result<Preset> base = parsePreset(QByteArray(kBaseDoc));
    QVERIFY(base.ok());
    // Same preset written differently: other key order, whitespace, defaults spelled out.
    const QByteArray compactExplicit = QJsonDocument(base->toJson()).toJson(QJsonDocument::Compact);
    QCOMPARE(base->canonicalJson(), compactExplicit);
    const Result<Preset> fromIndented = parsePreset(QJsonDocument(base->toJson()).toJson(QJsonDocument::Indented));
    QVERIFY(fromIndented.ok());
    QCOMPARE(fromIndented->canonicalJson(), base->canonicalJson());
    const Result<Preset> withDefaults = parsePreset(edited({{"ladder[1].keep_aspect", true},
                                                            {"ladder[1].encoder", "software"},
                                                            {"audio[0].channels", 2},
                                                            {"audio[0].sample_rate", 48000}}));
    QVERIFY(withDefaults.ok());
    QCOMPARE(withDefaults->canonicalJson(), base->canonicalJson());
    // Any real difference changes the bytes.
    const Result<Preset> other = parsePreset(edited({{"ladder[1].rate_control.crf", 22}}));
    QVERIFY(other.ok());
    QVERIFY(other->canonicalJson() != base->canonicalJson());
    QVERIFY(!base->canonicalJson().contains('\n'));
    QVERIFY(base->canonicalJson().startsWith(R"({"audio":[)")); // keys sorted
}

void TestPreset::canonicalJsonDropsValuesTheModeIgnores()
{
    Preset p = parsePreset(QByteArray(kBaseDoc)).value();
    p.ladder[1].rateControl.bitrateKbps = 5000; // crf mode: not meaningful
    p.ladder[1].rateControl.maxKbps = 7000;
    const QJsonObject crf = p.toJson().value("ladder").toArray().at(1).toObject().value("rate_control").toObject();
    QCOMPARE(crf, (QJsonObject{{"mode", "crf"}, {"crf", 23}}));
    const QJsonObject vbr = p.toJson().value("ladder").toArray().at(0).toObject().value("rate_control").toObject();
    QCOMPARE(vbr, (QJsonObject{{"mode", "vbr"}, {"bitrate_kbps", 800}, {"max_kbps", 1200}, {"bufsize_kbps", 0}}));
    QVERIFY(validatePreset(p.toJson()).isEmpty());
}

void TestPreset::enumNames()
{
    for (auto c : {VideoCodec::H264, VideoCodec::Hevc, VideoCodec::Av1})
        QCOMPARE(videoCodecFromName(videoCodecName(c)), c);
    for (auto m : {RateControlMode::Crf, RateControlMode::CappedCrf, RateControlMode::Vbr, RateControlMode::Cbr})
        QCOMPARE(rateControlFromName(rateControlName(m)), m);
    for (auto c : {AudioCodec::Aac, AudioCodec::Opus})
        QCOMPARE(audioCodecFromName(audioCodecName(c)), c);
    for (auto f : {HlsSegmentFormat::Fmp4, HlsSegmentFormat::MpegTs})
        QCOMPARE(hlsSegmentFormatFromName(hlsSegmentFormatName(f)), f);
    for (auto d : {Deinterlace::Auto, Deinterlace::Off, Deinterlace::On})
        QCOMPARE(deinterlaceFromName(deinterlaceName(d)), d);
    QCOMPARE(videoCodecName(VideoCodec::Hevc), QStringLiteral("hevc"));
    QCOMPARE(rateControlName(RateControlMode::CappedCrf), QStringLiteral("capped_crf"));
    QCOMPARE(hlsSegmentFormatName(HlsSegmentFormat::MpegTs), QStringLiteral("mpegts"));
    QCOMPARE(videoCodecName(VideoCodec::Invalid), QString());
    QCOMPARE(videoCodecFromName(QStringLiteral("H264")), VideoCodec::Invalid); // exact spelling only
    QCOMPARE(rateControlFromName(QString()), RateControlMode::Invalid);
    QCOMPARE(audioCodecFromName(QStringLiteral("mp3")), AudioCodec::Invalid);
    QCOMPARE(deinterlaceFromName(QStringLiteral("yes")), Deinterlace::Invalid);
    for (auto s : {DrmScheme::None, DrmScheme::Cenc, DrmScheme::HlsAes128})
        QCOMPARE(drmSchemeFromName(drmSchemeName(s)), s);
    for (auto k : {KeySource::Generate, KeySource::KeyFile, KeySource::Cpix})
        QCOMPARE(keySourceFromName(keySourceName(k)), k);
    QCOMPARE(drmSchemeName(DrmScheme::HlsAes128), QStringLiteral("hls-aes128"));
    QCOMPARE(keySourceName(KeySource::KeyFile), QStringLiteral("key_file"));
    QCOMPARE(drmSchemeName(DrmScheme::Invalid), QString());
    QCOMPARE(keySourceName(KeySource::Invalid), QString());
    QCOMPARE(drmSchemeFromName(QStringLiteral("CENC")), DrmScheme::Invalid);
    QCOMPARE(drmSchemeFromName(QStringLiteral("hls_aes128")), DrmScheme::Invalid);
    QCOMPARE(keySourceFromName(QStringLiteral("keyfile")), KeySource::Invalid);
}

void TestPreset::drmRoundTrip()
{
    // Systems are written in a fixed order with clearkey first, whatever the input order.
    const Result<Preset> p = parsePreset(edited({{"ladder[3]", kRemove},
                                                 {"drm.scheme", "cenc"},
                                                 {"drm.systems", QJsonArray{"playready", "widevine"}},
                                                 {"drm.key_source", "cpix"},
                                                 {"drm.key_file", "a.xml"},
                                                 {"drm.content_id", "movie"}}));
    QVERIFY2(p.ok(), qPrintable(p.ok() ? QString() : p.error().message));
    QCOMPARE(p->drm.scheme, DrmScheme::Cenc);
    QCOMPARE(p->drm.keySource, KeySource::Cpix);
    QCOMPARE(p->drm.keyFile, QStringLiteral("a.xml"));
    QVERIFY(p->drm.widevine && p->drm.playReady);
    QCOMPARE(p->drm.contentId, QStringLiteral("movie"));
    const QJsonObject drm = p->toJson().value("drm").toObject();
    QCOMPARE(drm.value("systems").toArray(), (QJsonArray{"clearkey", "widevine", "playready"}));
    QCOMPARE(drm.keys(), (QStringList{"content_id", "key_file", "key_source", "key_uri", "playready_la_url", "scheme",
                                      "systems", "widevine_provider"}));
    // Any drm difference changes the canonical bytes (the idempotency key).
    const Result<Preset> clear = parsePreset(edited({{"ladder[3]", kRemove}}));
    QVERIFY(clear.ok());
    QVERIFY(clear->canonicalJson() != p->canonicalJson());
    const Result<Preset> otherUri = parsePreset(edited({{"ladder[3]", kRemove}, {"drm.key_uri", "/k/{kid}"}}));
    QVERIFY(otherUri.ok());
    QVERIFY(otherUri->canonicalJson() != clear->canonicalJson());
}

void TestPreset::audioNamed()
{
    const Preset p = parsePreset(QByteArray(kBaseDoc)).value();
    QVERIFY(p.audioNamed(QStringLiteral("opus")));
    QCOMPARE(p.audioNamed(QStringLiteral("opus"))->codec, AudioCodec::Opus);
    QCOMPARE(p.audioNamed(QStringLiteral("aac"))->channels, 2);
    QVERIFY(!p.audioNamed(QStringLiteral("nope")));
}

// ---- built-ins and loading -------------------------------------------------------------------

void TestPreset::builtinNames()
{
    QCOMPARE(builtinPresetNames(), kBuiltins);
}

void TestPreset::builtins_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : kBuiltins)
        QTest::newRow(qPrintable(name)) << name;
}

void TestPreset::builtins()
{
    QFETCH(QString, name);
    const QByteArray text = readResource(name);
    QVERIFY(!text.isEmpty());
    const QList<PresetIssue> issues = validatePreset(QJsonDocument::fromJson(text).object());
    QVERIFY2(issues.isEmpty(), qPrintable(issueStrings(issues).join(QLatin1Char('\n'))));

    const Result<Preset> p = loadPreset(name);
    QVERIFY(p.ok());
    QCOMPARE(p->name, name);
    QVERIFY(!p->description.isEmpty());
    const Result<Preset> again = parsePreset(p->toJson());
    QVERIFY(again.ok());
    QCOMPARE(again->canonicalJson(), p->canonicalJson());
    // The shipped files spell everything out: the file is already canonical in content.
    QCOMPARE(QJsonDocument::fromJson(text).object(), p->toJson());
    // The same file on the source tree is what is compiled in.
    QFile source(QStringLiteral(RENDITION_SOURCE_DIR "/resources/presets/%1.json").arg(name));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(source.readAll(), text);
}

void TestPreset::builtinContents()
{
    const Preset web = loadPreset(QStringLiteral("web-h264-ladder")).value();
    QCOMPARE(web.ladder.size(), 4);
    const QList<std::pair<int, int>> sizes{{640, 360}, {960, 540}, {1280, 720}, {1920, 1080}};
    const QList<int> targets{800, 1800, 3000, 5500};
    for (int i = 0; i < 4; ++i) {
        const Rung &r = web.ladder.at(i);
        QCOMPARE(r.codec, VideoCodec::H264);
        QCOMPARE((std::pair{r.width, r.height}), sizes.at(i));
        QCOMPARE(r.rateControl.mode, RateControlMode::Vbr);
        QCOMPARE(r.rateControl.bitrateKbps, targets.at(i));
        QCOMPARE(r.rateControl.maxKbps, targets.at(i) * 3 / 2);
        QCOMPARE(r.profile, i == 0 ? QStringLiteral("main") : QStringLiteral("high"));
        QCOMPARE(r.speed, QStringLiteral("veryfast"));
        QCOMPARE(r.encoder, QStringLiteral("auto"));
    }
    QCOMPARE(web.audio.size(), 1);
    QCOMPARE(web.audio.first().codec, AudioCodec::Aac);
    QCOMPARE(web.audio.first().bitrateKbps, 128);
    QCOMPARE(web.audio.first().channels, 2);
    QCOMPARE(web.audio.first().sampleRate, 48000);
    QCOMPARE(web.gop.keyframesPerSegment, 1);
    QCOMPARE(web.gop.sceneCut, false);
    QCOMPARE(web.gop.bFrames, 3);
    QCOMPARE(web.packaging.segmentDurationSeconds, 4.0);
    QVERIFY(web.packaging.hls && web.packaging.dash && !web.packaging.progressiveMp4);
    QCOMPARE(web.packaging.hlsSegmentFormat, HlsSegmentFormat::Fmp4);

    const Preset hevc = loadPreset(QStringLiteral("hevc-4k-ladder")).value();
    QCOMPARE(hevc.ladder.size(), 3);
    QCOMPARE(hevc.ladder.last().height, 2160);
    for (const Rung &r : hevc.ladder) {
        QCOMPARE(r.codec, VideoCodec::Hevc);
        QCOMPARE(r.rateControl.mode, RateControlMode::CappedCrf);
        QVERIFY(r.rateControl.maxKbps > 0);
        QCOMPARE(r.speed, QStringLiteral("fast"));
    }
    QCOMPARE(hevc.audio.first().bitrateKbps, 160);
    QCOMPARE(hevc.packaging.hlsSegmentFormat, HlsSegmentFormat::Fmp4); // HEVC in HLS needs fMP4

    const Preset av1 = loadPreset(QStringLiteral("av1-ladder")).value();
    QCOMPARE(av1.ladder.size(), 3);
    for (const Rung &r : av1.ladder) {
        QCOMPARE(r.codec, VideoCodec::Av1);
        QCOMPARE(r.speed, QStringLiteral("8"));
    }
    QVERIFY(av1.packaging.hls && av1.packaging.dash);
    QCOMPARE(av1.packaging.hlsSegmentFormat, HlsSegmentFormat::Fmp4);

    // Only web-h264-cenc is protected: the web ladder with cenc, a generated key, all three systems.
    for (const QString &name : kBuiltins) {
        if (name != QLatin1String("web-h264-cenc"))
            QCOMPARE(loadPreset(name)->drm.scheme, DrmScheme::None);
    }
    const Preset cenc = loadPreset(QStringLiteral("web-h264-cenc")).value();
    QCOMPARE(cenc.drm.scheme, DrmScheme::Cenc);
    QCOMPARE(cenc.drm.keySource, KeySource::Generate);
    QVERIFY(cenc.drm.keyFile.isEmpty());
    QVERIFY(cenc.drm.widevine && cenc.drm.playReady);
    QCOMPARE(cenc.drm.keyUri, QStringLiteral("/keys/{kid}"));
    QJsonObject sameAsWeb = cenc.toJson();
    sameAsWeb.insert("name", web.name);
    sameAsWeb.insert("description", web.description);
    sameAsWeb.insert("drm", web.toJson().value("drm"));
    QCOMPARE(sameAsWeb, web.toJson());

    const Preset proxy = loadPreset(QStringLiteral("proxy-edit")).value();
    QCOMPARE(proxy.ladder.size(), 1);
    QCOMPARE((std::pair{proxy.ladder.first().width, proxy.ladder.first().height}), (std::pair{960, 540}));
    QCOMPARE(proxy.ladder.first().rateControl.mode, RateControlMode::Crf);
    QCOMPARE(proxy.ladder.first().rateControl.crf, 23);
    QCOMPARE(proxy.packaging.segmentDurationSeconds, 1.0);
    QCOMPARE(proxy.gop.keyframesPerSegment, 1);
    QVERIFY(!proxy.packaging.hls && !proxy.packaging.dash && proxy.packaging.progressiveMp4);
}

void TestPreset::loadPresetErrors()
{
    const Result<Preset> unknown = loadPreset(QStringLiteral("no-such-preset"));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, QStringLiteral("preset.not_found"));
    QCOMPARE(unknown.error().context, QStringLiteral("no-such-preset"));
    QVERIFY(unknown.error().message.contains(QStringLiteral("presets list")));

    const QString missing = m_dir.filePath(QStringLiteral("missing.json"));
    const Result<Preset> noFile = loadPreset(missing);
    QVERIFY(!noFile.ok());
    QCOMPARE(noFile.error().code, QStringLiteral("preset.not_found"));
    QCOMPARE(noFile.error().context, missing);

    const QString dirPath = m_dir.filePath(QStringLiteral("folder.json"));
    QVERIFY(QDir().mkpath(dirPath));
    const Result<Preset> dir = loadPreset(dirPath);
    QVERIFY(!dir.ok());
    QCOMPARE(dir.error().code, QStringLiteral("preset.unreadable"));
    QCOMPARE(dir.error().context, dirPath);

    const QString bad = writeFile(QStringLiteral("bad.json"),
                                  QJsonDocument(edited({{"ladder[0].height", 361}})).toJson());
    const Result<Preset> invalid = loadPreset(bad);
    QVERIFY(!invalid.ok());
    QCOMPARE(invalid.error().code, QStringLiteral("preset.invalid"));
    QCOMPARE(invalid.error().context, bad);
    QVERIFY(invalid.error().message.contains(QStringLiteral("ladder[0].height: must be even")));
    QVERIFY(invalid.error().toString().startsWith(bad + QStringLiteral(": ")));

    const QString syntax = writeFile(QStringLiteral("syntax.json"), QByteArray("{\"name\": "));
    const Result<Preset> broken = loadPreset(syntax);
    QVERIFY(!broken.ok());
    QCOMPARE(broken.error().code, QStringLiteral("preset.invalid"));
    QVERIFY(broken.error().message.contains(QStringLiteral("offset")));
}

void TestPreset::loadPresetFromFile()
{
    const QString path = writeFile(QStringLiteral("custom.json"), QByteArray(kBaseDoc));
    const Result<Preset> p = loadPreset(path);
    QVERIFY(p.ok());
    QCOMPARE(p->name, QStringLiteral("test-preset"));
    QCOMPARE(p->ladder.size(), 4);
    // A relative path with '/' is a file, not a built-in name.
    const Result<Preset> relative = loadPreset(QStringLiteral("./web-h264-ladder"));
    QVERIFY(!relative.ok());
    QCOMPARE(relative.error().code, QStringLiteral("preset.not_found"));
}

// ---- rendition-cli presets -----------------------------------------------------------------

void TestPreset::cliList()
{
    const CliRun run = runCli({QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    for (const QString &name : kBuiltins) {
        QVERIFY2(run.out.contains(name), qPrintable(run.out));
        QVERIFY(run.out.contains(loadPreset(name)->description));
    }
    QVERIFY(run.out.contains(QStringLiteral("h264 360p 540p 720p 1080p")));
    QVERIFY(run.out.contains(QStringLiteral("hevc 1080p 1440p 2160p")));
    QVERIFY(run.out.contains(QStringLiteral("h264 540p · aac 128k · progressive MP4, keyframe every 1 s")));
    QVERIFY(run.err.isEmpty());
}

void TestPreset::cliShow()
{
    const CliRun run = runCli({QStringLiteral("show"), QStringLiteral("web-h264-ladder")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral("vbr 5500 kbps, max 8250 kbps")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("1920x1080")));
    QVERIFY(run.out.contains(QStringLiteral("aac stereo 128 kbps 48000 Hz")));
    QVERIFY(run.out.contains(QStringLiteral("3 B-frames")));
    QVERIFY(run.out.contains(QStringLiteral("HLS (fmp4) + DASH, 4 s segments")));

    const QString file = writeFile(QStringLiteral("show.json"), QByteArray(kBaseDoc));
    const CliRun fromFile = runCli({QStringLiteral("show"), file});
    QCOMPARE(fromFile.exitCode, 0);
    QVERIFY(fromFile.out.contains(QStringLiteral("crf 24, max 6000 kbps")));
    QVERIFY(fromFile.out.contains(QStringLiteral("opus stereo 96 kbps")));

    const CliRun missing = runCli({QStringLiteral("show"), QStringLiteral("nope")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains(QStringLiteral("nope")));
}

void TestPreset::cliValidate_data()
{
    QTest::addColumn<QString>("file");  // written to the temp dir unless empty content
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("stdoutLines");
    QTest::addColumn<QString>("stderrPart");

    QTest::newRow("valid") << "good.json" << QByteArray(kBaseDoc) << 0
                           << QStringList{QStringLiteral("valid preset \"test-preset\" (4 rungs, 2 audio)")} << QString();
    QTest::newRow("invalid")
        << "bad.json"
        << QJsonDocument(edited({{"ladder[0].height", 361}, {"audio[0].channels", 3}, {"ladder[1].bitrat", 1}})).toJson()
        << 1
        << QStringList{QStringLiteral("ladder[0].height: must be even"), QStringLiteral("ladder[1].bitrat: unknown field"),
                       QStringLiteral("audio[0].channels: must be 1 (mono), 2 (stereo) or 6 (5.1)")}
        << QStringLiteral("bad.json: invalid preset (3 problems)");
    QTest::newRow("syntax") << "syntax.json" << QByteArray("{\"name\": [") << 1
                            << QStringList{QStringLiteral("JSON syntax error at offset")}
                            << QStringLiteral("invalid preset (1 problem)");
    QTest::newRow("missing") << "does-not-exist.json" << QByteArray() << 2 << QStringList()
                             << QStringLiteral("does-not-exist.json: no such file");
    QTest::newRow("directory") << "a-folder.json" << QByteArray() << 2 << QStringList()
                               << QStringLiteral("a-folder.json: cannot read it");
    QTest::newRow("builtin name") << "web-h264-ladder" << QByteArray() << 0
                                  << QStringList{QStringLiteral("valid preset \"web-h264-ladder\"")} << QString();
}

void TestPreset::cliValidate()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(int, exitCode);
    QFETCH(QStringList, stdoutLines);
    QFETCH(QString, stderrPart);

    QString arg = file; // a built-in name stays as it is
    if (!content.isEmpty())
        arg = writeFile(file, content);
    else if (file.endsWith(QLatin1String(".json")))
        arg = m_dir.filePath(file);
    if (file.startsWith(QLatin1String("a-folder")))
        QVERIFY(QDir().mkpath(arg));

    const CliRun run = runCli({QStringLiteral("validate"), arg});
    QCOMPARE(run.exitCode, exitCode);
    for (const QString &line : stdoutLines)
        QVERIFY2(run.out.contains(line), qPrintable(run.out));
    if (exitCode == 1) // exactly one "path: message" line per problem
        QCOMPARE(run.out.trimmed().split(QLatin1Char('\n')).size(), stdoutLines.size());
    if (!stderrPart.isEmpty())
        QVERIFY2(run.err.contains(stderrPart), qPrintable(run.err));
}

void TestPreset::cliExport()
{
    const CliRun run = runCli({QStringLiteral("export"), QStringLiteral("av1-ladder")});
    QCOMPARE(run.exitCode, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(validatePreset(doc.object()).isEmpty());
    const Preset builtin = loadPreset(QStringLiteral("av1-ladder")).value();
    QCOMPARE(doc.object(), builtin.toJson());

    const CliRun compact = runCli({QStringLiteral("export"), QStringLiteral("av1-ladder"), QStringLiteral("--compact")});
    QCOMPARE(compact.exitCode, 0);
    QCOMPARE(compact.out.toUtf8(), builtin.canonicalJson());

    const QString outPath = m_dir.filePath(QStringLiteral("exported.json"));
    const CliRun toFile = runCli({QStringLiteral("export"), QStringLiteral("proxy-edit"), QStringLiteral("--out"), outPath});
    QCOMPARE(toFile.exitCode, 0);
    QVERIFY(toFile.out.isEmpty());
    const CliRun revalidate = runCli({QStringLiteral("validate"), outPath});
    QCOMPARE(revalidate.exitCode, 0);
    QCOMPARE(loadPreset(outPath)->canonicalJson(), loadPreset(QStringLiteral("proxy-edit"))->canonicalJson());

    const CliRun badOut = runCli({QStringLiteral("export"), QStringLiteral("proxy-edit"), QStringLiteral("--out"),
                                  m_dir.filePath(QStringLiteral("no/such/dir/x.json"))});
    QCOMPARE(badOut.exitCode, 1);
    QVERIFY(badOut.err.contains(QStringLiteral("no/such/dir/x.json")));

    const QString bad = writeFile(QStringLiteral("export-bad.json"), QJsonDocument(edited({{"version", 0}})).toJson());
    const CliRun invalid = runCli({QStringLiteral("export"), bad});
    QCOMPARE(invalid.exitCode, 1);
    QVERIFY(invalid.out.isEmpty()); // nothing that looks like a preset on stdout
    QVERIFY(invalid.err.contains(QStringLiteral("version: must be between 1 and")));
}

void TestPreset::cliUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrPart");
    QTest::newRow("no action") << QStringList() << 2 << QStringLiteral("missing action");
    QTest::newRow("unknown action") << QStringList{"frobnicate"} << 2 << QStringLiteral("unknown action 'frobnicate'");
    QTest::newRow("show without name") << QStringList{"show"} << 2 << QStringLiteral("show needs exactly one");
    QTest::newRow("validate two files") << QStringList{"validate", "a.json", "b.json"} << 2 << QStringLiteral("validate needs exactly one");
    QTest::newRow("list with argument") << QStringList{"list", "x"} << 2 << QStringLiteral("list takes no arguments");
    QTest::newRow("--out on list") << QStringList{"list", "--out", "x.json"} << 2 << QStringLiteral("only apply to export");
    QTest::newRow("unknown option") << QStringList{"list", "--bogus"} << 2 << QStringLiteral("bogus");
    QTest::newRow("help") << QStringList{"--help"} << 0 << QString();
}

void TestPreset::cliUsageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrPart);
    const CliRun run = runCli(args);
    QCOMPARE(run.exitCode, exitCode);
    if (exitCode == 0) {
        QVERIFY(run.out.contains(QStringLiteral("Usage: rendition-cli presets")));
    } else {
        QVERIFY2(run.err.contains(stderrPart), qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("Usage: rendition-cli presets")));
    }
}

QTEST_GUILESS_MAIN(TestPreset)
#include "tst_preset.moc"
