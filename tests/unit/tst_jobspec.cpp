// JobSpec: makeJobSpec(), JSON round trips, the idempotency key (formula, stability across
// processes and preset formatting, sensitivity to source / preset / engine version) and
// validation of bad documents (every problem with its JSON path).
//
// Bad-document rows start from a valid spec and apply edits addressed by JSON path
// ("source.sha256", "preset.ladder[0].codec"); kRemove deletes the key.

#include "core/model/JobSpec.h"
#include "core/model/ProbeResult.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QUuid>
#include <QtTest>

#include <utility>

using namespace rendition;

namespace {

using Edits = QList<std::pair<QString, QJsonValue>>;
const QJsonValue kRemove(QJsonValue::Undefined);
constexpr auto kPrintKeyEnv = "TST_JOBSPEC_PRINT_KEY";
const QString kSha = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

// A minimal preset: everything else takes its default.
constexpr auto kMinimalPreset = R"({"schema": "rendition.preset/1", "name": "tiny",
  "ladder": [{"name": "360p", "codec": "h264", "height": 360, "rate_control": {"mode": "crf", "crf": 23}}]})";
// The same preset with some defaults spelled out, keys in another order, other whitespace.
constexpr auto kMinimalPresetVerbose = R"({
  "ladder": [{"rate_control": {"crf": 23, "mode": "crf"}, "codec": "h264", "keep_aspect": true,
              "height": 360, "name": "360p"}],
  "packaging": {"segment_duration_s": 4.0, "hls": true},
  "name": "tiny", "schema": "rendition.preset/1", "version": 1
})";

Preset presetFrom(const char *json)
{
    Result<Preset> p = parsePreset(QByteArray(json));
    if (!p) qFatal("test preset invalid: %s", qPrintable(p.error().message));
    return p.value();
}

ProbeResult probe(const QString &sha = kSha)
{
    ProbeResult r;
    r.path = QStringLiteral("/media/in/clip one.mov");
    r.sha256 = sha;
    r.sizeBytes = 5'000'000'000; // > 2^32: sizes must not go through int
    return r;
}

JobSpec validSpec()
{
    Result<JobSpec> spec = makeJobSpec(probe(), presetFrom(kMinimalPreset), QStringLiteral("/srv/out"));
    if (!spec) qFatal("makeJobSpec failed: %s", qPrintable(spec.error().toString()));
    return spec.value();
}

// Sets (or removes) the value at `path` ("a.b[1].c") inside `value`.
QJsonValue edited(QJsonValue value, QStringList path, const QJsonValue &newValue)
{
    if (path.isEmpty()) return newValue;
    static const QRegularExpression indexRe(QStringLiteral("^(\\w+)\\[(\\d+)\\]$"));
    const QString head = path.takeFirst();
    const QRegularExpressionMatch m = indexRe.match(head);
    QJsonObject object = value.toObject();
    const QString key = m.hasMatch() ? m.captured(1) : head;
    if (m.hasMatch()) {
        QJsonArray array = object.value(key).toArray();
        const int i = m.captured(2).toInt();
        array[i] = edited(array.at(i), path, newValue);
        object[key] = array;
    } else if (path.isEmpty() && newValue.isUndefined()) {
        object.remove(key);
    } else {
        object[key] = edited(object.value(key), path, newValue);
    }
    return object;
}

QJsonObject applyEdits(QJsonObject doc, const Edits &edits)
{
    for (const auto &[path, value] : edits)
        doc = edited(doc, path.split(QLatin1Char('.')), value).toObject();
    return doc;
}

} // namespace

class TestJobSpec : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void makeJobSpecFillsEveryField()
    {
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        const JobSpec spec = validSpec();
        QVERIFY(!QUuid::fromString(spec.id).isNull());
        QCOMPARE(spec.id, QUuid::fromString(spec.id).toString(QUuid::WithoutBraces));
        QCOMPARE(spec.source.uri, QStringLiteral("file:///media/in/clip%20one.mov"));
        QCOMPARE(spec.source.localPath(), QStringLiteral("/media/in/clip one.mov"));
        QCOMPARE(spec.source.sha256, kSha);
        QCOMPARE(spec.source.sizeBytes, Q_INT64_C(5000000000));
        QCOMPARE(spec.outputRoot, QStringLiteral("/srv/out"));
        QCOMPARE(spec.engineVersion, QStringLiteral(RENDITION_VERSION));
        QVERIFY(spec.createdAt >= before && spec.createdAt <= QDateTime::currentDateTimeUtc());
        QCOMPARE(spec.preset.canonicalJson(), presetFrom(kMinimalPreset).canonicalJson());
        QCOMPARE(spec.idempotencyKey, computeIdempotencyKey(kSha, spec.preset, spec.engineVersion));
        QVERIFY(spec.id != validSpec().id); // every job gets its own id
    }

    void makeJobSpecRefuses_data()
    {
        QTest::addColumn<QString>("sha");
        QTest::addColumn<bool>("fatal");
        QTest::addColumn<QString>("outputRoot");
        QTest::addColumn<QString>("code");
        QTest::newRow("no checksum") << QString() << false << "/out"
                                     << "job.no_checksum";
        QTest::newRow("fatal probe problem") << kSha << true << "/out"
                                             << "job.source_rejected";
        QTest::newRow("no output root") << kSha << false << ""
                                        << "job.no_output_root";
    }
    void makeJobSpecRefuses()
    {
        QFETCH(QString, sha);
        QFETCH(bool, fatal);
        QFETCH(QString, outputRoot);
        QFETCH(QString, code);
        ProbeResult p = probe(sha);
        if (fatal)
            p.problems.append({QString::fromLatin1(problem::Truncated), QStringLiteral("cut short"), Severity::Fatal});
        Result<JobSpec> spec = makeJobSpec(p, presetFrom(kMinimalPreset), outputRoot);
        QVERIFY(!spec);
        QCOMPARE(spec.error().code, code);
        QCOMPARE(spec.error().context, p.path);
    }

    void roundTrip()
    {
        const JobSpec spec = validSpec();
        Result<JobSpec> back = JobSpec::fromJson(spec.toJsonBytes());
        QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
        QCOMPARE(back->toJson(), spec.toJson());
        QCOMPARE(back->id, spec.id);
        QCOMPARE(back->source.uri, spec.source.uri);
        QCOMPARE(back->source.sizeBytes, spec.source.sizeBytes);
        QCOMPARE(back->createdAt, spec.createdAt);
        QCOMPARE(back->preset.canonicalJson(), spec.preset.canonicalJson());
        QCOMPARE(back->idempotencyKey, spec.idempotencyKey);
        QCOMPARE(spec.toJson().value(QStringLiteral("schema")).toString(), QStringLiteral("rendition.job/1"));
        // Every built-in preset survives the trip inside a job.
        for (const QString &name : builtinPresetNames()) {
            Result<JobSpec> s = makeJobSpec(probe(), loadPreset(name).value(), QStringLiteral("/out"));
            QVERIFY(s);
            Result<JobSpec> b = JobSpec::fromJson(s->toJsonBytes());
            QVERIFY2(b, qPrintable(name + QLatin1Char(' ') + (b ? QString() : b.error().message)));
            QCOMPARE(b->toJson(), s->toJson());
        }
    }

    void keyIsSha256OfDocumentedInput()
    {
        const Preset preset = presetFrom(kMinimalPreset);
        const QByteArray input = kSha.toUtf8() + '\n' + preset.canonicalJson() + '\n' + QByteArray("1.2.3");
        const QString expected =
            QString::fromLatin1(QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex());
        QCOMPARE(computeIdempotencyKey(kSha, preset, QStringLiteral("1.2.3")), expected);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(expected).hasMatch());
    }

    void keyIgnoresPresetFormatting()
    {
        QCOMPARE(computeIdempotencyKey(kSha, presetFrom(kMinimalPresetVerbose), QStringLiteral("1")),
                 computeIdempotencyKey(kSha, presetFrom(kMinimalPreset), QStringLiteral("1")));
    }

    void keyIsStableAcrossProcesses()
    {
        const QString here = computeIdempotencyKey(kSha, presetFrom(kMinimalPreset), QStringLiteral("1"));
        for (const char *seed : {"1", "12345"}) {
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QString::fromLatin1(kPrintKeyEnv), QStringLiteral("1"));
            env.insert(QStringLiteral("QT_HASH_SEED"), QString::fromLatin1(seed));
            child.setProcessEnvironment(env);
            child.start(QCoreApplication::applicationFilePath(), {});
            QVERIFY(child.waitForFinished(30000));
            QCOMPARE(child.exitCode(), 0);
            QCOMPARE(QString::fromLatin1(child.readAllStandardOutput().trimmed()), here);
        }
    }

    void keyChanges_data()
    {
        QTest::addColumn<QString>("sha");
        QTest::addColumn<QString>("presetEditPath");
        QTest::addColumn<QJsonValue>("presetEditValue");
        QTest::addColumn<QString>("engine");
        QTest::newRow("source content") << QString(kSha).replace(0, 1, QLatin1Char('f')) << QString() << QJsonValue()
                                        << "1";
        QTest::newRow("preset crf") << kSha << "ladder[0].rate_control.crf" << QJsonValue(24) << "1";
        QTest::newRow("preset default made explicit but different")
            << kSha << "packaging.segment_duration_s" << QJsonValue(6) << "1";
        QTest::newRow("preset version") << kSha << "version" << QJsonValue(2) << "1";
        QTest::newRow("engine version") << kSha << QString() << QJsonValue() << "2";
    }
    void keyChanges()
    {
        QFETCH(QString, sha);
        QFETCH(QString, presetEditPath);
        QFETCH(QJsonValue, presetEditValue);
        QFETCH(QString, engine);
        const Preset base = presetFrom(kMinimalPreset);
        Preset changed = base;
        if (!presetEditPath.isEmpty()) {
            Result<Preset> p = parsePreset(applyEdits(base.toJson(), {{presetEditPath, presetEditValue}}));
            QVERIFY(p);
            changed = p.value();
        }
        QVERIFY(computeIdempotencyKey(sha, changed, engine) != computeIdempotencyKey(kSha, base, QStringLiteral("1")));
    }

    void badJson_data()
    {
        QTest::addColumn<Edits>("edits");
        QTest::addColumn<QStringList>("expected"); // every issue, "path: message" prefixes, in order
        auto row = [](const char *name, Edits edits, QStringList expected) {
            QTest::newRow(name) << edits << expected;
        };
        const QString other = QString(64, QLatin1Char('a'));
        row("wrong schema", {{"schema", "rendition.job/2"}},
            {"schema: must be \"rendition.job/1\" (got \"rendition.job/2\")"});
        row("missing id", {{"id", kRemove}}, {"id: is required"});
        row("braced id", {{"id", "{8b1f2c3d-0000-4000-8000-000000000000}"}}, {"id: must be a lowercase UUID"});
        row("relative uri", {{"source.uri", "clip.mov"}},
            {"source.uri: must be an absolute file path, a file:// URI or an s3://bucket/key URI"});
        row("http uri", {{"source.uri", "http://bucket/clip.mov"}}, {"source.uri: must be an absolute file path"});
        row("plain absolute path is fine, bad sha", {{"source.uri", "/a/b.mov"}, {"source.sha256", kSha.toUpper()}},
            {"source.sha256: must be 64 lowercase hexadecimal digits"});
        row("negative size", {{"source.size_bytes", -1}}, {"source.size_bytes: must be a whole number of bytes"});
        row("size as text", {{"source.size_bytes", "12"}}, {"source.size_bytes: must be a whole number of bytes"});
        row("missing source", {{"source", kRemove}}, {"source: is required"});
        row("source typo", {{"source.shaa256", kSha}}, {"source.shaa256: unknown field (did you mean \"sha256\"?)"});
        row("bad preset field", {{"preset.ladder[0].codec", "h263"}}, {"preset.ladder[0].codec: must be one of"});
        row("missing preset", {{"preset", kRemove}}, {"preset: is required"});
        row("relative output root", {{"output_root", "out"}}, {"output_root: must be an absolute folder path"});
        row("empty engine", {{"engine_version", ""}}, {"engine_version: must not be empty"});
        row("bad time", {{"created_at", "yesterday"}}, {"created_at: must be an ISO 8601 date and time"});
        row("short key", {{"idempotency_key", "abc"}}, {"idempotency_key: must be 64 lowercase hexadecimal digits"});
        row("foreign key", {{"idempotency_key", other}}, {"idempotency_key: does not match the source"});
        row("engine changed, key not", {{"engine_version", "9.9.9"}}, {"idempotency_key: does not match"});
        row("preset changed, key not", {{"preset.ladder[0].rate_control.crf", 30}},
            {"idempotency_key: does not match"});
        row("unknown top-level field", {{"colour", 1}}, {"colour: unknown field"});
        row("several at once", {{"id", 7}, {"output_root", kRemove}, {"created_at", "x"}},
            {"id: must be a string", "output_root: is required", "created_at: must be an ISO 8601"});
    }
    void badJson()
    {
        QFETCH(Edits, edits);
        QFETCH(QStringList, expected);
        QList<PresetIssue> issues;
        Result<JobSpec> spec = JobSpec::fromJson(applyEdits(validSpec().toJson(), edits), &issues);
        QVERIFY(!spec);
        QCOMPARE(spec.error().code, QStringLiteral("job.invalid"));
        QStringList got;
        for (const PresetIssue &i : issues)
            got.append(i.toString());
        QCOMPARE(got.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            QVERIFY2(got.at(i).startsWith(expected.at(i)), qPrintable(got.join(QLatin1Char('\n'))));
            QVERIFY(spec.error().message.contains(got.at(i)));
        }
    }

    void notJson()
    {
        QList<PresetIssue> issues;
        Result<JobSpec> a = JobSpec::fromJson(QByteArray("{\"schema\": "), &issues);
        QVERIFY(!a);
        QVERIFY(a.error().message.startsWith(QStringLiteral("JSON syntax error at offset")));
        QCOMPARE(issues.size(), 1);
        Result<JobSpec> b = JobSpec::fromJson(QByteArray("[1, 2]"));
        QVERIFY(!b);
        QCOMPARE(b.error().message, QStringLiteral("must be a JSON object"));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(kPrintKeyEnv)) { // child of keyIsStableAcrossProcesses
        QTextStream(stdout) << computeIdempotencyKey(kSha, presetFrom(kMinimalPreset), QStringLiteral("1")) << '\n';
        return 0;
    }
    TestJobSpec test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_jobspec.moc"
