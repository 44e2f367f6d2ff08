// bench/cenc: encrypts every track folder (a folder holding init.mp4 + *.m4s) found under CLEAR_ROOT
// into OUT_ROOT (same relative paths) with a fresh random key, the way the packager will, and prints
// what it moved and how fast:
//   cenc_bench CLEAR_ROOT OUT_ROOT
//   -> "files N  bytes_in B  bytes_out B  wall_s S  MB_per_s X  (in-memory encrypt only: Y MB/s)"
// The key is generated here and never printed.

#include "media/cenc/CencEncryptor.h"
#include "media/cenc/Keys.h"
#include "media/cenc/Pssh.h"

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
    if (QFileInfo::exists(root + QStringLiteral("/init.mp4"))) out << root;
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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: cenc_bench CLEAR_ROOT OUT_ROOT\n");
        return 2;
    }
    const QString root = QDir(args[1]).absolutePath();
    const QString outRoot = QDir(args[2]).absolutePath();
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

    // 1) Files to files, as the packager does it (read, encrypt, write atomically).
    TrackEncryptionStats total;
    QElapsedTimer wall;
    wall.start();
    for (const QString &dir : dirs) {
        const QString rel = QDir(root).relativeFilePath(dir);
        Result<TrackEncryptionStats> st = encryptTrackDirectory(dir, outRoot + u'/' + rel, options);
        if (!st) {
            std::fprintf(stderr, "%s\n", qPrintable(st.error().toString()));
            return 1;
        }
        total.segments += st->segments;
        total.bytesIn += st->bytesIn;
        total.bytesOut += st->bytesOut;
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;

    // 2) The encryptor alone on bytes already in memory (no file I/O).
    qint64 memBytes = 0;
    double memSeconds = 0;
    for (const QString &dir : dirs) {
        CencEncryptor enc(options);
        const QByteArray init = readAll(dir + QStringLiteral("/init.mp4"));
        QList<QByteArray> segs;
        for (const QString &s : QDir(dir).entryList({QStringLiteral("*.m4s")}, QDir::Files, QDir::Name))
            segs << readAll(dir + u'/' + s);
        QElapsedTimer t;
        t.start();
        if (!enc.encryptInit(init)) return 1;
        for (int i = 0; i < segs.size(); ++i) {
            Result<QByteArray> out = enc.encryptSegment(segs[i], {quint32(i + 1), {}});
            if (!out) {
                std::fprintf(stderr, "%s\n", qPrintable(out.error().toString()));
                return 1;
            }
            memBytes += segs[i].size();
        }
        memBytes += init.size();
        memSeconds += double(t.nsecsElapsed()) / 1e9;
    }

    std::printf("tracks %lld  segments %d  bytes_in %lld  bytes_out %lld  wall_s %.4f  MB_per_s %.1f  "
                "(in-memory encrypt only: %.1f MB/s)\n",
                static_cast<long long>(dirs.size()), total.segments, static_cast<long long>(total.bytesIn),
                static_cast<long long>(total.bytesOut), seconds, double(total.bytesIn) / 1e6 / seconds,
                double(memBytes) / 1e6 / memSeconds);
    return 0;
}
