#pragma once
// Shared by the preview and QC review GUI tests: makes a small source with a known black and
// silent section (from a generated fixture, with ffmpeg), a fast two-rung preset with
// thumbnails, loudness and QC rules (optionally CENC with a known key), and runs
// `rendition-cli run` to publish a real version folder. Helpers return empty values and put
// the reason in `error` on failure; the tests assert on them.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>

namespace reviewtest {

inline const QString kCli = QStringLiteral(RENDITION_CLI);
inline const QString kFixture = QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4"); // 640x360 59.94, 6 s, AAC
inline constexpr double kBlackStartSeconds = 2.0; // the source is black and silent from 2.0 s ...
inline constexpr double kBlackEndSeconds = 3.5;   // ... to 3.5 s
inline const QString kKid = QStringLiteral("0123456789abcdef0123456789abcdef");
inline const QString kKey = QStringLiteral("00112233445566778899aabbccddeeff");

inline bool runTool(const QString &program, const QStringList &args, QString *error, int timeoutMs = 300000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        *error = QStringLiteral("%1 did not finish: %2").arg(program, p.errorString());
        return false;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("%1 exited %2:\n%3")
                     .arg(program)
                     .arg(p.exitCode())
                     .arg(QString::fromUtf8(p.readAll().right(3000)));
        return false;
    }
    return true;
}

// The fixture with a black picture and silence between kBlackStartSeconds and kBlackEndSeconds.
inline QString makeEventSource(const QString &dir, QString *error)
{
    const QString out = QDir(dir).filePath(QStringLiteral("clip.mp4"));
    const QString when = QStringLiteral("between(t,%1,%2)").arg(kBlackStartSeconds).arg(kBlackEndSeconds);
    const QStringList args{QStringLiteral("-nostdin"),
                           QStringLiteral("-hide_banner"),
                           QStringLiteral("-loglevel"),
                           QStringLiteral("error"),
                           QStringLiteral("-y"),
                           QStringLiteral("-i"),
                           kFixture,
                           QStringLiteral("-vf"),
                           QStringLiteral("drawbox=enable='%1':color=black:t=fill").arg(when),
                           QStringLiteral("-af"),
                           QStringLiteral("volume=enable='%1':volume=0").arg(when),
                           QStringLiteral("-c:v"),
                           QStringLiteral("libx264"),
                           QStringLiteral("-preset"),
                           QStringLiteral("ultrafast"),
                           QStringLiteral("-pix_fmt"),
                           QStringLiteral("yuv420p"),
                           QStringLiteral("-c:a"),
                           QStringLiteral("aac"),
                           out};
    return runTool(QStringLiteral("ffmpeg"), args, error) ? out : QString();
}

inline QJsonObject rule(const QString &check, double threshold, double minDuration)
{
    return {{QStringLiteral("check"), check},
            {QStringLiteral("threshold"), threshold},
            {QStringLiteral("min_duration_s"), minDuration},
            {QStringLiteral("severity"), QStringLiteral("warn")}};
}

inline QJsonObject rung(const QString &name, int width, int height, int kbps)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("codec"), QStringLiteral("h264")},
            {QStringLiteral("width"), width},
            {QStringLiteral("height"), height},
            {QStringLiteral("keep_aspect"), true},
            {QStringLiteral("rate_control"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("vbr")},
                                                         {QStringLiteral("bitrate_kbps"), kbps},
                                                         {QStringLiteral("max_kbps"), kbps * 3 / 2}}},
            {QStringLiteral("profile"), QStringLiteral("main")},
            {QStringLiteral("speed"), QStringLiteral("ultrafast")},
            {QStringLiteral("encoder"), QStringLiteral("software")}};
}

// Two rungs (180p, 360p), AAC, 2 s CMAF segments, thumbnails every second, loudness to
// -23 LUFS, warn-only QC rules that find the black and silent section. `drm`: empty = clear.
inline QJsonObject presetJson(const QString &name, const QJsonObject &drm = {})
{
    QJsonObject p{{QStringLiteral("schema"), QStringLiteral("rendition.preset/1")},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("version"), 1},
                  {QStringLiteral("description"), QStringLiteral("GUI review test preset")},
                  {QStringLiteral("gop"),
                   QJsonObject{{QStringLiteral("keyframes_per_segment"), 1}, {QStringLiteral("b_frames"), 2}}},
                  {QStringLiteral("ladder"), QJsonArray{rung(QStringLiteral("180p"), 320, 180, 300),
                                                        rung(QStringLiteral("360p"), 640, 360, 700)}},
                  {QStringLiteral("audio"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("aac-128k")},
                                                                   {QStringLiteral("codec"), QStringLiteral("aac")},
                                                                   {QStringLiteral("bitrate_kbps"), 128},
                                                                   {QStringLiteral("channels"), 2},
                                                                   {QStringLiteral("sample_rate"), 48000}}}},
                  {QStringLiteral("packaging"), QJsonObject{{QStringLiteral("segment_duration_s"), 2},
                                                            {QStringLiteral("hls"), true},
                                                            {QStringLiteral("dash"), true}}},
                  {QStringLiteral("thumbnails"), QJsonObject{{QStringLiteral("enabled"), true},
                                                             {QStringLiteral("interval_s"), 1},
                                                             {QStringLiteral("tile_width"), 160},
                                                             {QStringLiteral("tile_height"), 90},
                                                             {QStringLiteral("columns"), 4},
                                                             {QStringLiteral("rows"), 4}}},
                  {QStringLiteral("loudness"), QJsonObject{{QStringLiteral("enabled"), true},
                                                           {QStringLiteral("target_lufs"), -23},
                                                           {QStringLiteral("true_peak_dbtp"), -1}}},
                  {QStringLiteral("qc"),
                   QJsonObject{{QStringLiteral("enabled"), true},
                               {QStringLiteral("rules"), QJsonArray{rule(QStringLiteral("black"), 0.1, 1.0),
                                                                    rule(QStringLiteral("silence"), -60, 1.0),
                                                                    rule(QStringLiteral("loudness"), 1.0, 0),
                                                                    rule(QStringLiteral("decode_errors"), 0, 0)}}}}};
    if (!drm.isEmpty()) p.insert(QStringLiteral("drm"), drm);
    return p;
}

inline QJsonObject cencDrm(const QString &keyFile)
{
    return {{QStringLiteral("scheme"), QStringLiteral("cenc")},
            {QStringLiteral("key_source"), QStringLiteral("key_file")},
            {QStringLiteral("key_file"), keyFile},
            {QStringLiteral("systems"), QJsonArray{QStringLiteral("clearkey")}}};
}

// HLS with MPEG-TS segments encrypted with AES-128 (whole-segment CBC, IV = media sequence).
inline QJsonObject aes128TsPreset(const QString &name, const QString &keyFile)
{
    QJsonObject p = presetJson(name, {{QStringLiteral("scheme"), QStringLiteral("hls-aes128")},
                                      {QStringLiteral("key_source"), QStringLiteral("key_file")},
                                      {QStringLiteral("key_file"), keyFile}});
    p.insert(QStringLiteral("packaging"),
             QJsonObject{{QStringLiteral("segment_duration_s"), 2},
                         {QStringLiteral("hls"), true},
                         {QStringLiteral("dash"), false},
                         {QStringLiteral("hls_segment_format"), QStringLiteral("mpegts")}});
    return p;
}

// One 180p rung and AAC in a single progressive MP4 (an editing proxy), no segments.
inline QJsonObject progressivePreset(const QString &name)
{
    QJsonObject p = presetJson(name);
    p.insert(QStringLiteral("ladder"), QJsonArray{rung(QStringLiteral("180p"), 320, 180, 300)});
    p.insert(QStringLiteral("packaging"), QJsonObject{{QStringLiteral("hls"), false},
                                                      {QStringLiteral("dash"), false},
                                                      {QStringLiteral("progressive_mp4"), true}});
    return p;
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Publishes `source` with `preset` into DIR/out and returns DIR/out/clip/v1 (empty + error on failure).
inline QString publish(const QString &dir, const QJsonObject &preset, const QString &source, QString *error)
{
    const QString presetPath =
        QDir(dir).filePath(preset.value(QStringLiteral("name")).toString() + QStringLiteral(".json"));
    if (!writeFile(presetPath, QJsonDocument(preset).toJson())) {
        *error = QStringLiteral("cannot write %1").arg(presetPath);
        return {};
    }
    const QString out = QDir(dir).filePath(QStringLiteral("out"));
    if (!runTool(kCli,
                 {QStringLiteral("run"), QStringLiteral("--preset"), presetPath, QStringLiteral("--out"), out, source},
                 error))
        return {};
    const QString version = QDir(out).filePath(QStringLiteral("clip/v1"));
    if (!QFile::exists(QDir(version).filePath(QStringLiteral("manifest.json")))) {
        *error = QStringLiteral("no manifest.json in %1").arg(version);
        return {};
    }
    return version;
}

} // namespace reviewtest
