#pragma once
// Shared by the fuzz targets (tests/fuzz/fuzz_*.cpp), which are built two ways: as libFuzzer
// targets (clang, RENDITION_FUZZ, build-fuzz/) and with ReplayMain.cpp as plain executables that
// replay the seeds and regression inputs in the normal ctest run (fuzz.<target>).
//
// FUZZ_CHECK states an invariant of the code under test (a round trip, a bound, "no secret in an
// error"). A broken invariant aborts, which libFuzzer reports as a crash (and saves the input) and
// which fails the replay test — exactly like a memory error would.
//
// Every target must be deterministic and keep no state between inputs except caches that do not
// change its result.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond);                     \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (0)

namespace rendition::fuzz {

// The input as a QByteArray without copying (valid while `data` is).
inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Path of `name` in a folder private to this process (created on first use, removed at exit),
// with `data` written to it (truncating what an earlier input left).
inline QString writeTempFile(const QString &name, const QByteArray &data)
{
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/rendition-fuzz-XXXXXX"));
    FUZZ_CHECK(dir.isValid());
    const QString path = dir.filePath(name);
    QFile file(path);
    FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    FUZZ_CHECK(file.write(data) == data.size());
    return path;
}

} // namespace rendition::fuzz
