// bench/remote/hash_bench: SHA-256 throughput of the upload path (every uploaded byte is hashed
// once for x-amz-content-sha256): QCryptographicHash (what SigV4 used before) vs OpenSSL's EVP
// SHA-256 through SigV4::sha256HexOfFile (what it uses now), on the same file in the page cache.
//   usage: hash_bench [MiB (default 256)] [runs (default 3)]
// Prints the best of the runs for each in MB/s (10^6 bytes/s) and checks both digests agree.

#include "core/remote/SigV4.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTextStream>

using namespace rendition;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 mib = argc > 1 ? QByteArray(argv[1]).toLongLong() : 256;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 3;
    QTextStream out(stdout);
    if (mib <= 0 || runs <= 0) {
        QTextStream(stderr) << "usage: hash_bench [MiB > 0] [runs > 0]\n";
        return 2;
    }
    QTemporaryFile file;
    if (!file.open()) {
        QTextStream(stderr) << "hash_bench: cannot create a temporary file\n";
        return 1;
    }
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (qint64 i = 0; i < mib; ++i) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        if (file.write(block) != block.size()) {
            QTextStream(stderr) << "hash_bench: cannot write " << file.fileName() << '\n';
            return 1;
        }
    }
    file.flush();
    const double bytes = double(mib) * (1 << 20);
    double bestQt = 1e18, bestSsl = 1e18;
    QByteArray qtHex, sslHex;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        QFile f(file.fileName());
        if (!f.open(QIODevice::ReadOnly)) return 1;
        QCryptographicHash h(QCryptographicHash::Sha256);
        for (qint64 n; (n = f.read(block.data(), block.size())) > 0;) h.addData(QByteArrayView(block.constData(), n));
        qtHex = h.result().toHex();
        bestQt = std::min(bestQt, t.nsecsElapsed() / 1e9);
        t.restart();
        Result<QByteArray> ssl = SigV4::sha256HexOfFile(file.fileName(), 0, -1);
        if (!ssl) {
            QTextStream(stderr) << "hash_bench: " << ssl.error().toString() << '\n';
            return 1;
        }
        sslHex = *ssl;
        bestSsl = std::min(bestSsl, t.nsecsElapsed() / 1e9);
    }
    out << "sha256 of " << mib << " MiB (best of " << runs << "): QCryptographicHash " << qRound(bytes / bestQt / 1e6)
        << " MB/s, OpenSSL (SigV4::sha256HexOfFile) " << qRound(bytes / bestSsl / 1e6) << " MB/s, ratio "
        << QString::number(bestQt / bestSsl, 'f', 2) << "x\n";
    if (qtHex != sslHex) {
        QTextStream(stderr) << "hash_bench: the digests differ (" << qtHex << " vs " << sslHex << ")\n";
        return 1;
    }
    return 0;
}
