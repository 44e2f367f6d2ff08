// HLS AES-128 segment encryption (core/media/cenc/HlsAes128.h): the NIST SP 800-38A CBC vector and
// PKCS#7 sizes, then a real MPEG-TS package made by rendition-cli, encrypted in place and checked
// by FFmpeg's HLS demuxer (framemd5 equal to the clear playlist's, through a playlist copy whose
// EXT-X-KEY points at a local key file), by `openssl enc -d`, with a wrong key, an explicit IV, the
// cancel path and bad folders.

#include "core/media/cenc/HlsAes128.h"
#include "core/pipeline/DrmSignalling.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace rendition;
using namespace rendition::cenc;

namespace {

constexpr auto kPreset = R"({
  "schema": "rendition.preset/1", "name": "ts-small",
  "ladder": [{"name": "v180", "codec": "h264", "width": 320, "height": 180,
              "rate_control": {"mode": "crf", "crf": 28}, "speed": "ultrafast"}],
  "audio": [{"name": "aac", "codec": "aac", "bitrate_kbps": 64}],
  "packaging": {"segment_duration_s": 2, "hls": true, "dash": false, "hls_segment_format": "mpegts"},
  "qc": {"enabled": false}
})";

KeyBytes keyFromHex(const char *hex)
{
    const QByteArray bytes = QByteArray::fromHex(hex);
    KeyBytes k{};
    std::copy(bytes.begin(), bytes.end(), k.begin());
    return k;
}

QByteArray bytesOf(const std::array<quint8, 16> &a)
{
    return QByteArray(reinterpret_cast<const char *>(a.data()), 16);
}

const KeyBytes kKey = keyFromHex("8f3b1c2d4e5f60718293a4b5c6d7e8f9");

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

// framemd5 of everything a playlist decodes to (lines starting '#' are comments with the header).
Run framemd5(const QString &playlist)
{
    Run r = run(QStringLiteral("ffmpeg"), {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-nostdin"),
                                           QStringLiteral("-allowed_extensions"), QStringLiteral("ALL"),
                                           QStringLiteral("-protocol_whitelist"), QStringLiteral("file,crypto,data"),
                                           QStringLiteral("-i"), playlist, QStringLiteral("-map"), QStringLiteral("0"),
                                           QStringLiteral("-f"), QStringLiteral("framemd5"), QStringLiteral("-")});
    QByteArrayList kept;
    for (const QByteArray &line : r.out.split('\n'))
        if (!line.startsWith('#') && !line.isEmpty()) kept.append(line);
    r.out = kept.join('\n');
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

bool copyDir(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to)) return false;
    for (const QString &name : QDir(from).entryList(QDir::Files))
        if (!QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name))) return false;
    return true;
}

// A copy of `playlist` next to it with `keyLine` before the first segment.
QString withKeyLine(const QString &playlist, const QString &keyLine, const QString &name)
{
    QByteArray text = readAll(playlist);
    const qsizetype at = text.indexOf("#EXTINF");
    if (at < 0) return {};
    text.insert(at, keyLine.toUtf8() + '\n');
    const QString out = QFileInfo(playlist).dir().filePath(name);
    return writeAll(out, text) ? out : QString();
}

} // namespace

class TestHlsAes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void nistCbcVector();
    void paddingSizes_data();
    void paddingSizes();
    void ivForSequence();
    void ffmpegDecodesEncryptedRendition_data();
    void ffmpegDecodesEncryptedRendition();
    void opensslDecryptsOneSegment();
    void wrongKeyFails();
    void explicitIv();
    void cancelBeforeStart();
    void badFolders();
    void errorsCarryNoKey();

private:
    QTemporaryDir m_tmp;
    QString m_package; // OUT/sport_5994/v1 (clear, never modified)
    QString m_keyFile;
    // Fresh copy of a clear rendition folder.
    QString copyRendition(const QString &rendition, const QString &as);
};

void TestHlsAes::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty()
        || QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        QSKIP("ffmpeg and openssl are needed");
    const QString preset = m_tmp.filePath(QStringLiteral("ts-small.json"));
    QVERIFY(writeAll(preset, kPreset));
    const QString out = m_tmp.filePath(QStringLiteral("out"));
    const Run cli = run(QStringLiteral(RENDITION_CLI),
                        {QStringLiteral("run"), QStringLiteral("--preset"), preset, QStringLiteral("--out"), out,
                         QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4")},
                        300000);
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    m_package = QDir(out).filePath(QStringLiteral("sport_5994/v1"));
    QVERIFY(QFileInfo::exists(QDir(m_package).filePath(QStringLiteral("v180/playlist.m3u8"))));
    QVERIFY(QDir(QDir(m_package).filePath(QStringLiteral("v180"))).entryList({QStringLiteral("seg_*.ts")}).size() >= 3);
    m_keyFile = m_tmp.filePath(QStringLiteral("key.bin"));
    QVERIFY(writeAll(m_keyFile, bytesOf(kKey)));
}

QString TestHlsAes::copyRendition(const QString &rendition, const QString &as)
{
    const QString to = m_tmp.filePath(as);
    return copyDir(QDir(m_package).filePath(rendition), to) ? to : QString();
}

void TestHlsAes::nistCbcVector()
{
    // SP 800-38A F.2.1 CBC-AES128.Encrypt, first block; PKCS#7 then adds one block of 0x10s.
    const KeyBytes key = keyFromHex("2b7e151628aed2a6abf7158809cf4f3c");
    AesIv iv{};
    for (int i = 0; i < 16; ++i)
        iv[size_t(i)] = quint8(i);
    const Result<QByteArray> out = encryptAes128Cbc(QByteArray::fromHex("6bc1bee22e409f96e93d7e117393172a"), key, iv);
    QVERIFY(out.ok());
    QCOMPARE(out->size(), 32);
    QCOMPARE(out->left(16).toHex(), QByteArray("7649abac8119b246cee98e9b12e9197d"));
}

void TestHlsAes::paddingSizes_data()
{
    QTest::addColumn<int>("clearSize");
    QTest::addColumn<int>("encryptedSize");
    QTest::newRow("empty") << 0 << 16;
    QTest::newRow("15") << 15 << 16;
    QTest::newRow("16") << 16 << 32;
    QTest::newRow("188 (one TS packet)") << 188 << 192;
    QTest::newRow("1880") << 1880 << 1888;
}

void TestHlsAes::paddingSizes()
{
    QFETCH(int, clearSize);
    QFETCH(int, encryptedSize);
    const Result<QByteArray> out = encryptAes128Cbc(QByteArray(clearSize, 'G'), kKey, cenc::ivForSequence(1));
    QVERIFY(out.ok());
    QCOMPARE(out->size(), encryptedSize);
}

void TestHlsAes::ivForSequence()
{
    QCOMPARE(bytesOf(cenc::ivForSequence(0)).toHex(), QByteArray("00000000000000000000000000000000"));
    QCOMPARE(bytesOf(cenc::ivForSequence(1)).toHex(), QByteArray("00000000000000000000000000000001"));
    QCOMPARE(bytesOf(cenc::ivForSequence(0x0102030405060708ull)).toHex(),
             QByteArray("00000000000000000102030405060708"));
}

void TestHlsAes::ffmpegDecodesEncryptedRendition_data()
{
    QTest::addColumn<QString>("rendition");
    QTest::newRow("video") << QStringLiteral("v180");
    QTest::newRow("audio") << QStringLiteral("aac");
}

void TestHlsAes::ffmpegDecodesEncryptedRendition()
{
    QFETCH(QString, rendition);
    const QString dir = copyRendition(rendition, rendition + QStringLiteral("-enc"));
    QVERIFY(!dir.isEmpty());
    const QStringList segments = QDir(dir).entryList({QStringLiteral("seg_*.ts")}, QDir::Files, QDir::Name);

    // The playlists say EXT-X-MEDIA-SEQUENCE:0, so the first segment has sequence 0.
    QVERIFY(readAll(QDir(dir).filePath(QStringLiteral("playlist.m3u8"))).contains("#EXT-X-MEDIA-SEQUENCE:0\n"));
    const Result<QList<EncryptedTsSegment>> done = encryptTsTrackDirectory(dir, kKey, 0);
    QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().toString()));
    QCOMPARE(done->size(), segments.size());
    for (qsizetype k = 0; k < segments.size(); ++k) {
        const EncryptedTsSegment &s = done->at(k);
        QCOMPARE(s.fileName, segments.at(k));
        QCOMPARE(s.mediaSequence, quint64(k));
        QCOMPARE(s.iv, cenc::ivForSequence(quint64(k)));
        const QByteArray clear = readAll(QDir(QDir(m_package).filePath(rendition)).filePath(s.fileName));
        const QByteArray enc = readAll(QDir(dir).filePath(s.fileName));
        QCOMPARE(enc.size(), (clear.size() / 16 + 1) * 16);
        QVERIFY(enc.left(188) != clear.left(188));
        QVERIFY(enc.at(0) != 0x47 || enc.at(188) != 0x47); // no longer a TS sync pattern
    }
    QCOMPARE(QDir(dir).entryList({QStringLiteral("*.part")}, QDir::Files), QStringList()); // nothing left over

    // A playlist copy whose key line (the one the packager writes) points at the local key file.
    const QString keyed = withKeyLine(QDir(dir).filePath(QStringLiteral("playlist.m3u8")), hlsAes128KeyLine(m_keyFile),
                                      QStringLiteral("playlist_with_key.m3u8"));
    QVERIFY(!keyed.isEmpty());
    const Run clear = framemd5(QDir(QDir(m_package).filePath(rendition)).filePath(QStringLiteral("playlist.m3u8")));
    const Run decrypted = framemd5(keyed);
    QCOMPARE(clear.exitCode, 0);
    QVERIFY2(decrypted.exitCode == 0, decrypted.err.constData());
    QVERIFY(clear.out.count('\n') > 100);
    QCOMPARE(decrypted.out, clear.out);

    // Without the key line the encrypted playlist does not decode to the same frames.
    const Run noKey = framemd5(QDir(dir).filePath(QStringLiteral("playlist.m3u8")));
    QVERIFY(noKey.exitCode != 0 || noKey.out != clear.out);
}

void TestHlsAes::opensslDecryptsOneSegment()
{
    const QString dir = copyRendition(QStringLiteral("v180"), QStringLiteral("openssl"));
    QVERIFY(!dir.isEmpty());
    const Result<QList<EncryptedTsSegment>> done = encryptTsTrackDirectory(dir, kKey, 7);
    QVERIFY(done.ok());
    const EncryptedTsSegment &second = done->at(1);
    QCOMPARE(second.mediaSequence, quint64(8));
    const QString plain = m_tmp.filePath(QStringLiteral("openssl-clear.ts"));
    const Run dec = run(QStringLiteral("openssl"),
                        {QStringLiteral("enc"), QStringLiteral("-d"), QStringLiteral("-aes-128-cbc"), QStringLiteral("-K"),
                         QString::fromLatin1(bytesOf(kKey).toHex()), QStringLiteral("-iv"),
                         QString::fromLatin1(bytesOf(second.iv).toHex()), QStringLiteral("-in"),
                         QDir(dir).filePath(second.fileName), QStringLiteral("-out"), plain});
    QVERIFY2(dec.exitCode == 0, dec.err.constData());
    QCOMPARE(readAll(plain), readAll(QDir(QDir(m_package).filePath(QStringLiteral("v180"))).filePath(second.fileName)));
}

void TestHlsAes::wrongKeyFails()
{
    const QString dir = copyRendition(QStringLiteral("v180"), QStringLiteral("wrongkey"));
    QVERIFY(!dir.isEmpty());
    QVERIFY(encryptTsTrackDirectory(dir, kKey, 0).ok());
    const QString wrongKey = m_tmp.filePath(QStringLiteral("wrong.bin"));
    KeyBytes wrong = kKey;
    wrong[0] ^= 0x01;
    QVERIFY(writeAll(wrongKey, bytesOf(wrong)));
    const QString keyed = withKeyLine(QDir(dir).filePath(QStringLiteral("playlist.m3u8")), hlsAes128KeyLine(wrongKey),
                                      QStringLiteral("playlist_with_key.m3u8"));
    const Run clear = framemd5(QDir(QDir(m_package).filePath(QStringLiteral("v180"))).filePath(QStringLiteral("playlist.m3u8")));
    const Run bad = framemd5(keyed);
    QVERIFY(bad.exitCode != 0 || bad.out != clear.out);
    QVERIFY(!clear.out.isEmpty());
}

void TestHlsAes::explicitIv()
{
    // One segment with an explicit IV, decoded through a playlist whose key line carries that IV.
    const QString dir = copyRendition(QStringLiteral("v180"), QStringLiteral("explicit"));
    QVERIFY(!dir.isEmpty());
    AesIv iv{};
    for (int i = 0; i < 16; ++i)
        iv[size_t(i)] = quint8(0xf0 - i);
    const QString first = QDir(dir).filePath(QStringLiteral("seg_00001.ts"));
    const QByteArray clear = readAll(first);
    const Result<AesIv> used = encryptTsSegmentFile(first, kKey, 0, iv);
    QVERIFY(used.ok());
    QCOMPARE(used.value(), iv);
    QVERIFY(readAll(first) != clear);

    const QString single = QDir(dir).filePath(QStringLiteral("single.m3u8"));
    QVERIFY(writeAll(single, QStringLiteral("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:3\n#EXT-X-MEDIA-SEQUENCE:0\n"
                                            "%1\n#EXTINF:2.0,\nseg_00001.ts\n#EXT-X-ENDLIST\n")
                                 .arg(hlsAes128KeyLine(m_keyFile, iv)).toUtf8()));
    const QString clearSingle = m_tmp.filePath(QStringLiteral("clear-single.m3u8"));
    QVERIFY(writeAll(clearSingle, QStringLiteral("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:3\n#EXT-X-MEDIA-SEQUENCE:0\n"
                                                 "#EXTINF:2.0,\n%1\n#EXT-X-ENDLIST\n")
                                      .arg(QDir(m_package).filePath(QStringLiteral("v180/seg_00001.ts"))).toUtf8()));
    const Run a = framemd5(single);
    const Run b = framemd5(clearSingle);
    QVERIFY2(a.exitCode == 0, a.err.constData());
    QVERIFY(!b.out.isEmpty());
    QCOMPARE(a.out, b.out);
}

void TestHlsAes::cancelBeforeStart()
{
    const QString dir = copyRendition(QStringLiteral("v180"), QStringLiteral("cancel"));
    QVERIFY(!dir.isEmpty());
    CancelToken cancel;
    cancel.cancel();
    const Result<QList<EncryptedTsSegment>> done = encryptTsTrackDirectory(dir, kKey, 0, cancel);
    QVERIFY(!done.ok());
    QCOMPARE(done.error().code, QStringLiteral("hlsaes.canceled"));
    QCOMPARE(done.error().context, dir);
    // Nothing was touched.
    const QDir clear(QDir(m_package).filePath(QStringLiteral("v180")));
    for (const QString &name : QDir(dir).entryList({QStringLiteral("seg_*.ts")}, QDir::Files))
        QCOMPARE(readAll(QDir(dir).filePath(name)), readAll(clear.filePath(name)));
}

void TestHlsAes::badFolders()
{
    const Result<QList<EncryptedTsSegment>> missing = encryptTsTrackDirectory(m_tmp.filePath(QStringLiteral("nope")), kKey, 0);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("hlsaes.read"));

    const QString empty = m_tmp.filePath(QStringLiteral("empty"));
    QVERIFY(QDir().mkpath(empty));
    QVERIFY(writeAll(QDir(empty).filePath(QStringLiteral("init.mp4")), "x"));
    const Result<QList<EncryptedTsSegment>> none = encryptTsTrackDirectory(empty, kKey, 0);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, QStringLiteral("hlsaes.no_segments"));
    QCOMPARE(none.error().context, empty);

    const Result<AesIv> noFile = encryptTsSegmentFile(QDir(empty).filePath(QStringLiteral("seg_00001.ts")), kKey, 0);
    QVERIFY(!noFile.ok());
    QCOMPARE(noFile.error().code, QStringLiteral("hlsaes.read"));

    // A segment that is a folder cannot be read; nothing is left behind.
    const QString dirSeg = m_tmp.filePath(QStringLiteral("dirseg"));
    QVERIFY(QDir().mkpath(QDir(dirSeg).filePath(QStringLiteral("seg_00001.ts"))));
    const Result<AesIv> folder = encryptTsSegmentFile(QDir(dirSeg).filePath(QStringLiteral("seg_00001.ts")), kKey, 0);
    QVERIFY(!folder.ok());
    QCOMPARE(QDir(dirSeg).entryList({QStringLiteral("*.part")}, QDir::Files), QStringList());
}

void TestHlsAes::errorsCarryNoKey()
{
    const Result<QList<EncryptedTsSegment>> r = encryptTsTrackDirectory(m_tmp.filePath(QStringLiteral("nope")), kKey, 0);
    QVERIFY(!r.ok());
    const QByteArray text = r.error().toString().toUtf8();
    QVERIFY(!text.contains(bytesOf(kKey).toHex()));
    QVERIFY(!text.contains(bytesOf(kKey).toHex().toUpper()));
    QVERIFY(!text.contains(bytesOf(kKey).toBase64()));
}

QTEST_GUILESS_MAIN(TestHlsAes)
#include "tst_hlsaes.moc"
