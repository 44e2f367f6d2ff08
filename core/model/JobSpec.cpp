// JobSpec: JSON in and out, validation with JSON paths, the idempotency key; see JobSpec.h.
// Field-by-field reading reuses the preset's type-checking reader (PresetReader.h), so
// messages, "is required" and "unknown field (did you mean ...)" read the same everywhere.

#include "core/model/JobSpec.h"

#include "core/model/PresetReader.h"
#include "core/model/ProbeResult.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

#include <cmath>

namespace rendition {

using namespace detail;

namespace {

constexpr double kMaxExactDouble = 9007199254740992.0; // 2^53: larger sizes do not survive JSON doubles

bool isSha256Hex(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(s).hasMatch();
}

bool isCanonicalUuid(const QString &s)
{
    const QUuid uuid = QUuid::fromString(s);
    return !uuid.isNull() && uuid.toString(QUuid::WithoutBraces) == s;
}

// A URI names a local file when it is an absolute path or a file:// URI with an absolute path.
QString localPathOf(const QString &uri)
{
    if (uri.startsWith(QLatin1String("file:"), Qt::CaseInsensitive)) {
        const QUrl url(uri, QUrl::StrictMode);
        if (!url.isValid() || !url.isLocalFile()) return {};
        const QString path = url.toLocalFile();
        return QDir::isAbsolutePath(path) ? path : QString();
    }
    if (uri.contains(QLatin1String("://"))) return {};
    return QDir::isAbsolutePath(uri) ? uri : QString();
}

QString toIso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

void readSource(PresetReader &top, JobSource &source, QList<PresetIssue> &issues, bool &sourceShaOk)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("source"), object, Presence::Required) != Read::Ok) return;
    PresetReader r(object, top.pathOf(QStringLiteral("source")), issues);
    if (r.readString(QStringLiteral("uri"), source.uri, Presence::Required) == Read::Ok &&
        localPathOf(source.uri).isEmpty() && !isS3Uri(source.uri)) {
        r.fail(QStringLiteral("uri"), QStringLiteral("must be an absolute file path, a file:// URI or an s3://bucket/key URI"));
    }
    if (r.readString(QStringLiteral("sha256"), source.sha256, Presence::Required) == Read::Ok) {
        sourceShaOk = isSha256Hex(source.sha256);
        if (!sourceShaOk) r.fail(QStringLiteral("sha256"), QStringLiteral("must be 64 lowercase hexadecimal digits"));
    }
    const auto sizeKey = QStringLiteral("size_bytes");
    if (r.take(sizeKey, Presence::Required)) {
        const QJsonValue v = object.value(sizeKey);
        const double d = v.toDouble();
        if (!v.isDouble() || std::trunc(d) != d || d < 0 || d > kMaxExactDouble)
            r.fail(sizeKey, QStringLiteral("must be a whole number of bytes, 0 or more"));
        else
            source.sizeBytes = qint64(d);
    }
}

bool readPresetSnapshot(PresetReader &top, Preset &preset, QList<PresetIssue> &issues)
{
    QJsonObject object;
    const auto key = QStringLiteral("preset");
    if (top.readObject(key, object, Presence::Required) != Read::Ok) return false;
    QList<PresetIssue> presetIssues;
    Result<Preset> parsed = parsePreset(object, &presetIssues);
    for (const PresetIssue &issue : std::as_const(presetIssues)) {
        issues.append(
            {issue.path.isEmpty() ? top.pathOf(key) : top.pathOf(key) + QLatin1Char('.') + issue.path, issue.message});
    }
    if (!parsed) return false;
    preset = std::move(parsed).value();
    return true;
}

void readJob(const QJsonObject &json, JobSpec &spec, QList<PresetIssue> &issues)
{
    PresetReader r(json, QString(), issues);
    QString schema;
    if (r.readString(QStringLiteral("schema"), schema, Presence::Required) == Read::Ok &&
        schema != QLatin1String(kJobSchema)) {
        r.fail(QStringLiteral("schema"),
               QStringLiteral("must be \"%1\" (got \"%2\")").arg(QLatin1String(kJobSchema), schema));
    }
    if (r.readString(QStringLiteral("id"), spec.id, Presence::Required) == Read::Ok && !isCanonicalUuid(spec.id))
        r.fail(QStringLiteral("id"), QStringLiteral("must be a lowercase UUID without braces"));

    bool sourceShaOk = false;
    readSource(r, spec.source, issues, sourceShaOk);
    const bool presetOk = readPresetSnapshot(r, spec.preset, issues);

    if (r.readString(QStringLiteral("output_root"), spec.outputRoot, Presence::Required) == Read::Ok &&
        !QDir::isAbsolutePath(spec.outputRoot) && !isS3Uri(spec.outputRoot)) {
        r.fail(QStringLiteral("output_root"), QStringLiteral("must be an absolute folder path or an s3://bucket/prefix URI"));
    }
    bool engineOk = false;
    if (r.readString(QStringLiteral("engine_version"), spec.engineVersion, Presence::Required) == Read::Ok) {
        engineOk = !spec.engineVersion.trimmed().isEmpty();
        if (!engineOk) r.fail(QStringLiteral("engine_version"), QStringLiteral("must not be empty"));
    }
    QString created;
    if (r.readString(QStringLiteral("created_at"), created, Presence::Required) == Read::Ok) {
        spec.createdAt = QDateTime::fromString(created, Qt::ISODateWithMs).toUTC();
        if (!spec.createdAt.isValid()) {
            r.fail(QStringLiteral("created_at"),
                   QStringLiteral("must be an ISO 8601 date and time, such as 2026-01-31T12:00:00.000Z"));
        }
    }
    const auto keyName = QStringLiteral("idempotency_key");
    if (r.readString(keyName, spec.idempotencyKey, Presence::Required) != Read::Ok) return;
    if (!isSha256Hex(spec.idempotencyKey)) {
        r.fail(keyName, QStringLiteral("must be 64 lowercase hexadecimal digits"));
    } else if (sourceShaOk && presetOk && engineOk) {
        const QString expected = computeIdempotencyKey(spec.source.sha256, spec.preset, spec.engineVersion);
        if (expected != spec.idempotencyKey) {
            r.fail(keyName, QStringLiteral("does not match the source, preset and engine version (expected %1); "
                                           "the spec was edited or made by a different engine")
                                .arg(expected));
        }
    }
}

} // namespace

QString engineVersion()
{
    return QStringLiteral(RENDITION_VERSION);
}

bool isS3Uri(const QString &uri)
{
    static const QRegularExpression re(QStringLiteral("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$"));
    return re.match(uri).hasMatch();
}

QString JobSource::localPath() const
{
    return localPathOf(uri);
}

QString computeIdempotencyKey(const QString &sourceSha256, const Preset &preset, const QString &engine)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(sourceSha256.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(preset.canonicalJson());
    hash.addData(QByteArrayView("\n"));
    hash.addData(engine.toUtf8());
    return QString::fromLatin1(hash.result().toHex());
}

QJsonObject JobSpec::toJson() const
{
    return {{QStringLiteral("schema"), QString::fromLatin1(kJobSchema)},
            {QStringLiteral("id"), id},
            {QStringLiteral("source"), QJsonObject{{QStringLiteral("uri"), source.uri},
                                                   {QStringLiteral("sha256"), source.sha256},
                                                   {QStringLiteral("size_bytes"), double(source.sizeBytes)}}},
            {QStringLiteral("preset"), preset.toJson()},
            {QStringLiteral("output_root"), outputRoot},
            {QStringLiteral("engine_version"), engineVersion},
            {QStringLiteral("created_at"), toIso(createdAt)},
            {QStringLiteral("idempotency_key"), idempotencyKey}};
}

QByteArray JobSpec::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

Result<JobSpec> JobSpec::fromJson(const QJsonObject &json, QList<PresetIssue> *issues)
{
    QList<PresetIssue> found;
    JobSpec spec;
    readJob(json, spec, found);
    if (issues) *issues = found;
    if (found.isEmpty()) return spec;
    QStringList lines;
    for (const PresetIssue &issue : std::as_const(found))
        lines.append(issue.toString());
    return makeError(QStringLiteral("job.invalid"), lines.join(QLatin1Char('\n')));
}

Result<JobSpec> JobSpec::fromJson(const QByteArray &jsonText, QList<PresetIssue> *issues)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(jsonText, &parseError);
    QString problem;
    if (parseError.error != QJsonParseError::NoError) {
        problem =
            QStringLiteral("JSON syntax error at offset %1: %2").arg(parseError.offset).arg(parseError.errorString());
    } else if (!doc.isObject()) {
        problem = QStringLiteral("must be a JSON object");
    }
    if (problem.isEmpty()) return fromJson(doc.object(), issues);
    if (issues) *issues = {PresetIssue{QString(), problem}};
    return makeError(QStringLiteral("job.invalid"), problem);
}

Result<JobSpec> makeJobSpec(const ProbeResult &probe, const Preset &preset, const QString &outputRoot,
                            const QString &engine)
{
    if (!isSha256Hex(probe.sha256)) {
        return makeError(QStringLiteral("job.no_checksum"),
                         QStringLiteral("The source has no SHA-256 checksum; probe it with checksums enabled "
                                        "before queuing it."),
                         probe.path);
    }
    if (const Error why = probe.rejection(); !why.code.isEmpty())
        return makeError(QStringLiteral("job.source_rejected"),
                         QStringLiteral("The source cannot be processed (%1); fix or replace the file.").arg(why.message),
                         probe.path);
    if (outputRoot.trimmed().isEmpty()) {
        return makeError(QStringLiteral("job.no_output_root"),
                         QStringLiteral("No output folder was given; choose where the packages should go."),
                         probe.path);
    }
    // The snapshot must parse back, or the job could never be read by a worker.
    const QList<PresetIssue> presetIssues = validatePreset(preset.toJson());
    if (!presetIssues.isEmpty()) {
        return makeError(QStringLiteral("preset.invalid"),
                         QStringLiteral("The preset is not valid (%1); fix the preset before queuing.")
                             .arg(presetIssues.first().toString()),
                         preset.name);
    }
    JobSpec spec;
    spec.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    spec.source.uri = QUrl::fromLocalFile(QFileInfo(probe.path).absoluteFilePath()).toString(QUrl::FullyEncoded);
    spec.source.sha256 = probe.sha256;
    spec.source.sizeBytes = probe.sizeBytes;
    spec.preset = preset;
    spec.outputRoot = QDir::cleanPath(QFileInfo(outputRoot).absoluteFilePath());
    spec.engineVersion = engine;
    spec.createdAt = QDateTime::currentDateTimeUtc();
    spec.idempotencyKey = computeIdempotencyKey(spec.source.sha256, spec.preset, spec.engineVersion);
    return spec;
}

} // namespace rendition
