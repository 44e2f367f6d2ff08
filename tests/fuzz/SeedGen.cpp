// Writes the seeds that only the engine itself can make correctly (tests/fuzz/make-seeds.sh runs it):
//   OUT/preset/<name>.canonical.json   every built-in preset as canonical JSON
//   OUT/jobspec/<name>.json            a valid job spec per built-in preset (real idempotency key),
//   OUT/jobspec/<name>-s3.json         and the same job in remote mode (s3:// source and output root)
// Usage: fuzz_seedgen OUT. Exit 1 with a message when a preset does not load or a spec cannot be made.

#include "core/model/JobSpec.h"
#include "core/model/Preset.h"
#include "core/model/ProbeResult.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>

using namespace rendition;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "fuzz_seedgen: cannot write %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seedgen OUT\n");
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    if (!out.mkpath(QStringLiteral("preset")) || !out.mkpath(QStringLiteral("jobspec"))) {
        std::fprintf(stderr, "fuzz_seedgen: cannot create folders in %s\n", argv[1]);
        return 1;
    }

    ProbeResult probe;
    probe.path = QStringLiteral("/media/incoming/source clip.mov");
    probe.sha256 = QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    probe.sizeBytes = 123456789;

    for (const QString &name : builtinPresetNames()) {
        const Result<Preset> preset = loadPreset(name);
        if (!preset.ok()) {
            std::fprintf(stderr, "fuzz_seedgen: built-in preset %s: %s\n", qPrintable(name),
                         qPrintable(preset.error().toString()));
            return 1;
        }
        if (!writeFile(out.filePath(QStringLiteral("preset/%1.canonical.json").arg(name)),
                       QJsonDocument(preset->toJson()).toJson(QJsonDocument::Compact)))
            return 1;

        Result<JobSpec> spec = makeJobSpec(probe, *preset, QStringLiteral("/srv/renditions"));
        if (!spec.ok()) {
            std::fprintf(stderr, "fuzz_seedgen: job for %s: %s\n", qPrintable(name),
                         qPrintable(spec.error().toString()));
            return 1;
        }
        if (!writeFile(out.filePath(QStringLiteral("jobspec/%1.json").arg(name)), spec->toJsonBytes())) return 1;
        spec->source.uri = QStringLiteral("s3://media-bucket/sources/%1").arg(probe.sha256);
        spec->outputRoot = QStringLiteral("s3://media-bucket/outputs");
        if (!writeFile(out.filePath(QStringLiteral("jobspec/%1-s3.json").arg(name)), spec->toJsonBytes())) return 1;
    }
    std::printf("fuzz_seedgen: %lld presets and job specs in %s\n", static_cast<long long>(builtinPresetNames().size()),
                argv[1]);
    return 0;
}
