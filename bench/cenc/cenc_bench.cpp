// bench/cenc: encrypts every track folder (a folder holding init.mp4 + *.m4s) found under CLEAR_ROOT
// into OUT_ROOT (same relative paths) with a fresh random key, as the packager will.
//   cenc_bench CLEAR_ROOT OUT_ROOT      files to files (read, encrypt, write .part + rename)
//   cenc_bench --memory CLEAR_ROOT      the encryptor alone on bytes already in memory (no file I/O)
// Prints one line: tracks, segments, bytes, seconds and MB/s (of clear input bytes).
// The key is generated here and never printed.

#include "core/media/cenc/CencEncryptor.h"
#include "core/media/cenc/Keys.h"
#include "core/media/cenc/Pssh.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace rendition;
using namespace rendition::cenc;

namespace {

QStringList trackDirs(const QString &root)
{
    QStringList out;
    QDirIterator it(root, {QStringLiteral("init.mp4")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString dir = QFileInfo(it.next()).absolutePath();
        if (!out.contains(dir)) out << dir;
    }
    out.sort();
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int filesToFiles(const QString &root, const QString &outRoot, const QStringList &dirs, const CencOptions &options)
{
    TrackEncryptionStats total;
    QElapsedTimer wall;
    wall.start();
    for (const QString &dir : dirs) {
        Result<TrackEncryptionStats> st =
            encryptTrackDirectory(dir, outRoot + u'/' + QDir(root).relativeFilePath(dir), options);
        if (!st) {
            std::fprintf(stderr, "%s\n", qPrintable(st.error().toString()));
            return 1;
        }
        total.segments += st->segments;
        total.bytesIn += st->bytesIn;
        total.bytesOut += st->bytesOut;
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    std::printf("files->files  tracks %lld  segments %d  bytes_in %lld  bytes_out %lld  %.4f s  %.1f MB/s\n",
                static_cast<long long>(dirs.size()), total.segments, static_cast<long long>(total.bytesIn),
                static_cast<long long>(total.bytesOut), seconds, double(total.bytesIn) / 1e6 / seconds);
    return 0;
}

int inMemory(const QStringList &dirs, const CencOptions &options)
{
    qint64 bytes = 0;
    int segments = 0;
    double seconds = 0;
    for (const QString &dir : dirs) {
        CencEncryptor enc(options);
        const QByteArray init = readAll(dir + QStringLiteral("/init.mp4"));
        QList<QByteArray> segs;
        for (const QString &s : QDir(dir).entryList({QStringLiteral("*.m4s")}, QDir::Files, QDir::Name))
            segs << readAll(dir + u'/' + s);
        QElapsedTimer t;
        t.start();
        if (Result<QByteArray> i = enc.encryptInit(init); !i) {
            std::fprintf(stderr, "%s\n", qPrintable(i.error().toString()));
            return 1;
        }
        for (int i = 0; i < segs.size(); ++i) {
            Result<QByteArray> out = enc.encryptSegment(segs[i], {quint32(i + 1), {}});
            if (!out) {
                std::fprintf(stderr, "%s\n", qPrintable(out.error().toString()));
                return 1;
            }
            bytes += segs[i].size();
        }
        seconds += double(t.nsecsElapsed()) / 1e9;
        bytes += init.size();
        segments += int(segs.size());
    }
    std::printf("in-memory     tracks %lld  segments %d  bytes_in %lld  %.4f s  %.1f MB/s\n",
                static_cast<long long>(dirs.size()), segments, static_cast<long long>(bytes), seconds,
                double(bytes) / 1e6 / seconds);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const bool memory = args.removeAll(QStringLiteral("--memory")) > 0;
    if (args.size() != (memory ? 1 : 2)) {
        std::fprintf(stderr, "usage: cenc_bench CLEAR_ROOT OUT_ROOT | cenc_bench --memory CLEAR_ROOT\n");
        return 2;
    }
    const QString root = QDir(args[0]).absolutePath();
    const QStringList dirs = trackDirs(root);
    if (dirs.isEmpty()) {
        std::fprintf(stderr, "no init.mp4 under %s\n", qPrintable(root));
        return 2;
    }
    Result<ContentKey> key = generateContentKey();
    if (!key) {
        std::fprintf(stderr, "%s\n", qPrintable(key.error().toString()));
        return 1;
    }
    CencOptions options;
    options.key = key.value();
    options.psshBoxes << makeCommonPssh({key->kid}) << makeWidevinePssh({key->kid});
    return memory ? inMemory(dirs, options) : filesToFiles(root, QDir(args[1]).absolutePath(), dirs, options);
}
