#include "ui/presets/TableColumns.h"

#include "core/media/VideoEncoder.h"
#include "core/model/Preset.h"
#include "core/model/QcReport.h"

#include <QJsonArray>
#include <QSet>

namespace rendition::ui {

namespace {

using Choices = std::function<QStringList(const QJsonObject &, const QJsonObject &)>;

Choices fixed(const QStringList &list)
{
    return [list](const QJsonObject &, const QJsonObject &) { return list; };
}

VideoCodec codecOf(const QJsonObject &rung)
{
    return videoCodecFromName(rung.value(QStringLiteral("codec")).toString());
}

QString modeOf(const QJsonObject &rung)
{
    return rung.value(QStringLiteral("rate_control")).toObject().value(QStringLiteral("mode")).toString();
}

QStringList profilesFor(const QJsonObject &rung, const QJsonObject &)
{
    switch (codecOf(rung)) {
    case VideoCodec::H264:
        return {QString(), "baseline", "main", "high", "high10"};
    case VideoCodec::Hevc:
        return {QString(), "main", "main10"};
    case VideoCodec::Av1:
        return {QString(), "main"};
    case VideoCodec::Invalid:
        break;
    }
    return {QString()};
}

QStringList levelsFor(const QJsonObject &rung, const QJsonObject &)
{
    if (codecOf(rung) == VideoCodec::Av1) return {QString(), "3.0", "3.1", "4.0", "4.1", "5.0", "5.1", "6.0"};
    return {QString(), "3.0", "3.1", "4.0", "4.1", "4.2", "5.0", "5.1", "5.2"};
}

QStringList speedsFor(const QJsonObject &rung, const QJsonObject &)
{
    if (codecOf(rung) == VideoCodec::Av1) {
        QStringList presets{QString()};
        for (int i = 0; i <= 13; ++i)
            presets << QString::number(i);
        return presets;
    }
    return {QString(), "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"};
}

QStringList encodersFor(const QJsonObject &rung, const QJsonObject &)
{
    const VideoCodec codec = codecOf(rung);
    QStringList list{QStringLiteral("software"), QStringLiteral("auto")};
    if (codec == VideoCodec::Invalid) return list;
    list << softwareEncoderFor(codec) << hardwareEncodersFor(codec);
    list.removeDuplicates();
    return list;
}

QStringList audioNamesOf(const QJsonObject &, const QJsonObject &document)
{
    QStringList names{QString()};
    for (const QJsonValue &a : document.value(QStringLiteral("audio")).toArray())
        names << a.toObject().value(QStringLiteral("name")).toString();
    return names;
}

std::function<bool(const QJsonObject &)> modeIn(const QStringList &modes)
{
    return [modes](const QJsonObject &rung) { return modes.contains(modeOf(rung)); };
}

ColumnSpec col(const char *key, const QString &title, CellKind kind, double min = -1e9, double max = 1e9)
{
    ColumnSpec c;
    c.key = QString::fromLatin1(key);
    c.title = title;
    c.kind = kind;
    c.minimum = min;
    c.maximum = max;
    return c;
}

ColumnSpec choice(const char *key, const QString &title, Choices choices, bool editable = false)
{
    ColumnSpec c = col(key, title, editable ? CellKind::EditableChoice : CellKind::Choice);
    c.choices = std::move(choices);
    return c;
}

QString uniqueName(const QJsonObject &document, const QString &base)
{
    QSet<QString> taken;
    for (const char *array : {"ladder", "audio"}) {
        for (const QJsonValue &v : document.value(QLatin1String(array)).toArray())
            taken.insert(v.toObject().value(QStringLiteral("name")).toString());
    }
    if (!taken.contains(base)) return base;
    for (int i = 2;; ++i) {
        const QString name = QStringLiteral("%1-%2").arg(base).arg(i);
        if (!taken.contains(name)) return name;
    }
}

QJsonObject copyOrDefault(const QJsonObject &document, const char *array, int row, const QJsonObject &fallback)
{
    const QJsonArray a = document.value(QLatin1String(array)).toArray();
    if (a.isEmpty()) return fallback;
    return a.at(row >= 0 && row < a.size() ? row : a.size() - 1).toObject();
}

} // namespace

QList<ColumnSpec> TableColumns::ladder()
{
    ColumnSpec mode = choice("rate_control.mode", tr("Rate control"), fixed({"crf", "capped_crf", "vbr", "cbr"}));
    mode.rewrite = [](const QJsonObject &rung, const QJsonValue &v) {
        QJsonObject out = rung;
        out.insert(QStringLiteral("rate_control"), rateControlFor(rung, v.toString()));
        return out;
    };
    ColumnSpec crf = col("rate_control.crf", tr("CRF"), CellKind::Int, -1, 1000);
    crf.applies = modeIn({"crf", "capped_crf"});
    ColumnSpec bitrate = col("rate_control.bitrate_kbps", tr("Bitrate (kbps)"), CellKind::Int, -1, 1e7);
    bitrate.applies = modeIn({"vbr", "cbr"});
    ColumnSpec max = col("rate_control.max_kbps", tr("Max (kbps)"), CellKind::Int, -1, 1e7);
    max.applies = modeIn({"capped_crf", "vbr", "cbr"});
    ColumnSpec bufsize = col("rate_control.bufsize_kbps", tr("Buffer (kbps)"), CellKind::Int, -1, 1e8);
    bufsize.applies = max.applies;
    return {col("name", tr("Name"), CellKind::Text),
            choice("codec", tr("Codec"), fixed({"h264", "hevc", "av1"})),
            col("width", tr("Width"), CellKind::Int, -1, 100000),
            col("height", tr("Height"), CellKind::Int, -1, 100000),
            col("keep_aspect", tr("Keep aspect"), CellKind::Bool),
            mode,
            crf,
            bitrate,
            max,
            bufsize,
            choice("profile", tr("Profile"), profilesFor, true),
            choice("level", tr("Level"), levelsFor, true),
            choice("speed", tr("Speed"), speedsFor, true),
            choice("encoder", tr("Encoder"), encodersFor, true),
            choice("audio", tr("Audio"), audioNamesOf)};
}

QList<ColumnSpec> TableColumns::audio()
{
    return {col("name", tr("Name"), CellKind::Text),
            choice("codec", tr("Codec"), fixed({"aac", "opus"})),
            col("bitrate_kbps", tr("Bitrate (kbps)"), CellKind::Int, -1, 100000),
            col("channels", tr("Channels"), CellKind::Int, -1, 64),
            col("sample_rate", tr("Sample rate (Hz)"), CellKind::Int, -1, 1000000),
            col("language", tr("Language"), CellKind::Text)};
}

QList<ColumnSpec> TableColumns::qcRules()
{
    return {choice("check", tr("Check"), fixed(qcCheckNames())), col("threshold", tr("Threshold"), CellKind::Double),
            col("min_duration_s", tr("Min. duration (s)"), CellKind::Double, -1, 100000),
            choice("severity", tr("Severity"), fixed({"warn", "fail"}))};
}

QJsonObject TableColumns::rateControlFor(const QJsonObject &rung, const QString &mode)
{
    const QJsonObject old = rung.value(QStringLiteral("rate_control")).toObject();
    const VideoCodec codec = codecOf(rung);
    const int defaultCrf = codec == VideoCodec::Av1 ? 35 : codec == VideoCodec::Hevc ? 28 : 23;
    const int crf = old.value(QStringLiteral("crf")).toInt(defaultCrf);
    const int oldMax = old.value(QStringLiteral("max_kbps")).toInt(0);
    const int bitrate = old.value(QStringLiteral("bitrate_kbps")).toInt(oldMax > 0 ? oldMax * 2 / 3 : 3000);
    QJsonObject rc{{QStringLiteral("mode"), mode}};
    if (mode == u"crf" || mode == u"capped_crf") rc.insert(QStringLiteral("crf"), crf);
    if (mode == u"vbr" || mode == u"cbr") rc.insert(QStringLiteral("bitrate_kbps"), bitrate);
    if (mode == u"crf") return rc;
    int max = oldMax;
    if (mode == u"cbr")
        max = bitrate;
    else if (mode == u"vbr" && max != 0 && max < bitrate)
        max = bitrate * 3 / 2;
    else if (mode == u"capped_crf" && max == 0)
        max = bitrate * 3 / 2;
    rc.insert(QStringLiteral("max_kbps"), max);
    rc.insert(QStringLiteral("bufsize_kbps"), old.value(QStringLiteral("bufsize_kbps")).toInt(0));
    return rc;
}

QJsonObject TableColumns::newRung(const QJsonObject &document, int row)
{
    const QJsonObject fallback{
        {"name", "720p"},
        {"codec", "h264"},
        {"width", 1280},
        {"height", 720},
        {"keep_aspect", true},
        {"rate_control", QJsonObject{{"mode", "vbr"}, {"bitrate_kbps", 3000}, {"max_kbps", 4500}, {"bufsize_kbps", 0}}},
        {"profile", "high"},
        {"level", ""},
        {"speed", "veryfast"},
        {"encoder", "software"},
        {"audio", ""}};
    QJsonObject rung = copyOrDefault(document, "ladder", row, fallback);
    rung.insert(QStringLiteral("name"), uniqueName(document, rung.value(QStringLiteral("name")).toString()));
    return rung;
}

QJsonObject TableColumns::newAudioRendition(const QJsonObject &document, int row)
{
    const QJsonObject fallback{{"name", "aac-128k"}, {"codec", "aac"},       {"bitrate_kbps", 128},
                               {"channels", 2},      {"sample_rate", 48000}, {"language", ""}};
    QJsonObject a = copyOrDefault(document, "audio", row, fallback);
    a.insert(QStringLiteral("name"), uniqueName(document, a.value(QStringLiteral("name")).toString()));
    return a;
}

QJsonObject TableColumns::newQcRule(const QJsonObject &, int)
{
    return {{"check", "black"}, {"threshold", 0.1}, {"min_duration_s", 2.0}, {"severity", "warn"}};
}

} // namespace rendition::ui
