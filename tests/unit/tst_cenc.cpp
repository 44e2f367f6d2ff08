// CENC encryptor (core/media/cenc): clear CMAF packages made by rendition-cli (one 640x360 H.264 rung
// + AAC, and one HEVC rung) are encrypted track by track into a parallel folder, then
//  - FFmpeg's own mov demuxer decrypts them: `ffmpeg -decryption_key K -i init+segments -f framemd5`
//    equals the clear package's framemd5 (video and audio); without the key / with a wrong key the
//    frames differ or the decode fails;
//  - the boxes are read back: encv/enca + sinf(frma, schm, tenc KID), pssh, and per traf senc sample
//    count = trun sample count, saio -> first IV, saiz sizes = senc entry sizes, trun data_offset ->
//    mdat payload, subsample sums = sample sizes, protected ranges whole blocks, clear bytes untouched,
//    IVs unique;
// plus the box reader/writer, subsample maps, sidx fix-up, bad inputs and the cancel path.

#include "core/media/cenc/Box.h"
#include "core/media/cenc/CencEncryptor.h"
#include "core/media/cenc/Keys.h"
#include "core/media/cenc/Pssh.h"
#include "core/media/cenc/Subsamples.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace rendition;
using namespace rendition::cenc;

namespace {

const QString kSource = QStringLiteral(RENDITION_FIXTURES "/good/sport_5994.mp4"); // 6 s 640x360 + AAC

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QString presetJson(const QString &codec)
{
    return QStringLiteral(R"({"schema": "rendition.preset/1", "name": "cenc-%1",
        "ladder": [{"name": "360p", "codec": "%1", "width": 640, "height": 360, "speed": "veryfast",
                    "rate_control": {"mode": "crf", "crf": 30}}],
        "audio": [{"name": "aac", "codec": "aac", "bitrate_kbps": 64}],
        "packaging": {"segment_duration_s": 2, "hls": true, "dash": true}})")
        .arg(codec);
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args, const QByteArray &stdinBytes = {}, int timeoutMs = 300000)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000)) return r;
    if (!stdinBytes.isEmpty()) p.write(stdinBytes);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// init.mp4 followed by every *.m4s of the folder (or only `onlySegment`), in name order.
QByteArray concatTrack(const QString &dir, const QString &onlySegment = {})
{
    QByteArray all = readAll(dir + QStringLiteral("/init.mp4"));
    for (const QString &seg : QDir(dir).entryList({QStringLiteral("*.m4s")}, QDir::Files, QDir::Name))
        if (onlySegment.isEmpty() || seg == onlySegment) all += readAll(dir + u'/' + seg);
    return all;
}

enum class Feed { Invalid = 0, SeekableFile, Pipe };

// framemd5 of `bytes` decoded by the ffmpeg CLI. SeekableFile writes them to `scratch` first; Pipe
// feeds them on stdin (non-seekable).
Run framemd5(const QByteArray &bytes, Feed feed, const QString &scratch, const QString &keyHex = {})
{
    QStringList args{QStringLiteral("-nostdin"), QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
                     QStringLiteral("error")};
    if (!keyHex.isEmpty()) args << QStringLiteral("-decryption_key") << keyHex;
    if (feed == Feed::SeekableFile) {
        if (!writeAll(scratch, bytes)) return {};
        args << QStringLiteral("-i") << scratch;
    } else {
        args.removeOne(QStringLiteral("-nostdin"));
        args << QStringLiteral("-i") << QStringLiteral("pipe:0");
    }
    args << QStringLiteral("-map") << QStringLiteral("0") << QStringLiteral("-f") << QStringLiteral("framemd5")
         << QStringLiteral("-");
    return run(QStringLiteral("ffmpeg"), args, feed == Feed::Pipe ? bytes : QByteArray());
}

QString keyHex(const ContentKey &k)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(k.key.data()), 16).toHex());
}

ContentKey fixedKey()
{
    ContentKey k;
    k.kid = *keyIdFromString(u"0123456789abcdef0123456789abcdef");
    for (int i = 0; i < 16; ++i)
        k.key[size_t(i)] = quint8(0xa0 + i);
    return k;
}

// The boxes of a traf we check, read back from encrypted bytes.
struct TrafView {
    qint64 moofOffset = 0;
    qint64 moofSize = 0;
    quint32 trunSamples = 0;
    qint32 dataOffset = 0;
    QList<quint32> sampleSizes;
    quint32 sencSamples = 0;
    quint32 sencFlags = 0;
    qint64 sencFirstIvInMoof = 0; // relative to the moof start
    QByteArray sencBody;
    quint32 saioOffset = 0;
    quint8 saizDefault = 0;
    quint32 saizCount = 0;
    QByteArray saizSizes;
};

// Reads the single traf of every moof in a segment; defaultSize from tfhd when trun has no sizes.
QList<TrafView> readTrafs(const QByteArray &seg)
{
    QList<TrafView> out;
    Result<std::vector<BoxSpan>> spans = scanBoxes(seg);
    if (!spans) return out;
    for (const BoxSpan &s : spans.value()) {
        if (s.type != fourcc("moof")) continue;
        Result<Box> moof = parseBox(QByteArrayView(seg).sliced(s.offset, s.size));
        if (!moof) return {};
        TrafView v;
        v.moofOffset = s.offset;
        v.moofSize = s.size;
        const Box *traf = moof->child(fourcc("traf"));
        const Box *tfhd = traf->child(fourcc("tfhd"));
        ByteReader th(tfhd->body);
        th.u8();
        const quint32 tfFlags = th.u24();
        th.u32();
        if (tfFlags & 0x2) th.u32();
        if (tfFlags & 0x8) th.u32();
        const quint32 defaultSize = (tfFlags & 0x10) ? th.u32() : 0;
        const Box *trun = traf->child(fourcc("trun"));
        ByteReader tr(trun->body);
        tr.u8();
        const quint32 flags = tr.u24();
        v.trunSamples = tr.u32();
        if (flags & 0x1) v.dataOffset = qint32(tr.u32());
        if (flags & 0x4) tr.u32();
        for (quint32 i = 0; i < v.trunSamples; ++i) {
            if (flags & 0x100) tr.u32();
            v.sampleSizes << ((flags & 0x200) ? tr.u32() : defaultSize);
            if (flags & 0x400) tr.u32();
            if (flags & 0x800) tr.u32();
        }
        qint64 pos = moof->headerSize();
        for (const Box &c : moof->children) {
            if (c.type == fourcc("traf")) {
                pos += c.headerSize();
                for (const Box &t : c.children) {
                    if (t.type == fourcc("senc")) v.sencFirstIvInMoof = pos + 16;
                    pos += t.size();
                }
                break;
            }
            pos += c.size();
        }
        const Box *senc = traf->child(fourcc("senc"));
        const Box *saiz = traf->child(fourcc("saiz"));
        const Box *saio = traf->child(fourcc("saio"));
        if (senc) {
            v.sencFlags = senc->flags();
            v.sencBody = senc->body;
            v.sencSamples = be::read32(senc->body.constData() + 4);
        }
        if (saiz) {
            ByteReader r(saiz->body);
            r.u32();
            v.saizDefault = r.u8();
            v.saizCount = r.u32();
            if (v.saizDefault == 0) v.saizSizes = r.bytes(v.saizCount).toByteArray();
        }
        if (saio) {
            ByteReader r(saio->body);
            r.u32();
            if (r.u32() == 1) v.saioOffset = r.u32();
        }
        out << v;
    }
    return out;
}

} // namespace

class TestCenc : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // box reader/writer
    void boxRoundTripsRealFiles();
    void boxLargeAndToEndSizes();
    void boxRejectsBadSizes_data();
    void boxRejectsBadSizes();

    // subsample maps
    void subsampleMaps_data();
    void subsampleMaps();
    void subsampleBadNal();

    // end to end with FFmpeg
    void ffmpegDecryptsEveryTrack_data();
    void ffmpegDecryptsEveryTrack();
    void initBoxesReadBack();
    void segmentBoxesReadBack_data();
    void segmentBoxesReadBack();
    void deterministicWithFixedIvBase();
    void sidxIsFixedUp();

    // bad input, cancel
    void segmentBeforeInitFails();
    void badInputsAreRejected();
    void av1IsRefusedClearly();
    void cbcsIsRefusedClearly();
    void cancelStopsBetweenSegments();
    void corruptInputNeverCrashes();

private:
    QString makePackage(const QString &codec);
    QString trackDir(const QString &packageRoot, const QString &rung);

    QTemporaryDir m_tmp;
    QString m_h264Root;
    QString m_hevcRoot;
    QString m_encRoot;
    ContentKey m_key;
    QList<QByteArray> m_pssh;
};

QString TestCenc::makePackage(const QString &codec)
{
    const QString presetPath = m_tmp.filePath(QStringLiteral("preset-%1.json").arg(codec));
    if (!writeAll(presetPath, presetJson(codec).toUtf8())) return {};
    const QString out = m_tmp.filePath(QStringLiteral("clear-%1").arg(codec));
    const Run r = run(QStringLiteral(RENDITION_CLI), {QStringLiteral("run"), QStringLiteral("--preset"), presetPath,
                                                      QStringLiteral("--out"), out, kSource});
    if (r.exitCode != 0) {
        qWarning("rendition-cli failed: %s", r.err.constData());
        return {};
    }
    return out;
}

QString TestCenc::trackDir(const QString &packageRoot, const QString &rung)
{
    QDirIterator it(packageRoot, {QStringLiteral("init.mp4")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo fi(it.next());
        if (fi.dir().dirName() == rung && !fi.absoluteFilePath().contains(QStringLiteral("/current/")))
            return fi.absolutePath();
    }
    return {};
}

void TestCenc::initTestCase()
{
    QVERIFY2(QFileInfo::exists(kSource), "fixtures missing: build the 'fixtures' target");
    QVERIFY(m_tmp.isValid());
    m_h264Root = makePackage(QStringLiteral("h264"));
    QVERIFY(!m_h264Root.isEmpty());
    m_hevcRoot = makePackage(QStringLiteral("hevc"));
    QVERIFY(!m_hevcRoot.isEmpty());

    Result<ContentKey> k = generateContentKey();
    QVERIFY(k.ok());
    m_key = k.value();
    m_pssh << makeCommonPssh({m_key.kid}) << makeWidevinePssh({m_key.kid}, {QStringLiteral("rendition"), "asset-1"});
    Result<QByteArray> pr =
        makePlayReadyPssh(m_key, {QStringLiteral("https://license.example/rightsmanager.asmx?a=1&b=2")});
    QVERIFY(pr.ok());
    m_pssh << pr.value();

    // Encrypt every track of both packages into a parallel folder.
    m_encRoot = m_tmp.filePath(QStringLiteral("enc"));
    for (const auto &[root, codec] :
         {std::pair{m_h264Root, QStringLiteral("h264")}, std::pair{m_hevcRoot, QStringLiteral("hevc")}}) {
        for (const QString &rung : {QStringLiteral("360p"), QStringLiteral("aac")}) {
            const QString dir = trackDir(root, rung);
            QVERIFY2(!dir.isEmpty(), qPrintable(rung));
            CencOptions o;
            o.key = m_key;
            o.psshBoxes = m_pssh;
            Result<TrackEncryptionStats> st = encryptTrackDirectory(dir, m_encRoot + u'/' + codec + u'/' + rung, o);
            QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().toString()));
            QVERIFY(st->segments >= 3);
            QVERIFY(st->bytesOut > st->bytesIn);
        }
    }
}

// ---- box reader/writer ----------------------------------------------------------------------------

void TestCenc::boxRoundTripsRealFiles()
{
    for (const QString &root : {m_h264Root, m_hevcRoot}) {
        for (const QString &rung : {QStringLiteral("360p"), QStringLiteral("aac")}) {
            const QString dir = trackDir(root, rung);
            for (const QString &file : QDir(dir).entryList({QStringLiteral("*.mp4"), QStringLiteral("*.m4s")})) {
                const QByteArray bytes = readAll(dir + u'/' + file);
                Result<std::vector<Box>> boxes = parseBoxes(bytes);
                QVERIFY2(boxes.ok(), qPrintable(file));
                QByteArray again;
                for (const Box &b : boxes.value())
                    again += b.serialize();
                QCOMPARE(again.size(), bytes.size());
                QVERIFY2(again == bytes, qPrintable(file));
            }
        }
    }
    // The tree exposes the sample entry below stsd.
    Result<std::vector<Box>> init = parseBoxes(readAll(trackDir(m_h264Root, QStringLiteral("360p")) + "/init.mp4"));
    QVERIFY(init.ok());
    const Box *stsd = findPath(
        init.value(), {fourcc("moov"), fourcc("trak"), fourcc("mdia"), fourcc("minf"), fourcc("stbl"), fourcc("stsd")});
    QVERIFY(stsd);
    QCOMPARE(stsd->children.size(), size_t(1));
    QCOMPARE(fourccToString(stsd->children[0].type), QStringLiteral("avc1"));
    QVERIFY(stsd->children[0].child(fourcc("avcC")));
}

void TestCenc::boxLargeAndToEndSizes()
{
    // free box with a 64-bit size, then a moov with a child, then an mdat running to the end (size 0).
    QByteArray data;
    be::put32(data, 1);
    be::put32(data, fourcc("free"));
    be::put64(data, 16 + 3);
    data += "abc";
    be::put32(data, 8 + 8 + 4);
    be::put32(data, fourcc("moov"));
    be::put32(data, 8 + 4);
    be::put32(data, fourcc("udta"));
    data += "xyzw";
    be::put32(data, 0);
    be::put32(data, fourcc("mdat"));
    data += QByteArray(100, 'm');

    Result<std::vector<Box>> boxes = parseBoxes(data);
    QVERIFY2(boxes.ok(), boxes.ok() ? "" : qPrintable(boxes.error().toString()));
    QCOMPARE(boxes->size(), size_t(3));
    QVERIFY(boxes->at(0).largeSize);
    QCOMPARE(boxes->at(0).body, QByteArray("abc"));
    QCOMPARE(boxes->at(0).size(), qint64(19));
    QCOMPARE(boxes->at(1).children.size(), size_t(1));
    QCOMPARE(boxes->at(2).body.size(), 100);
    QCOMPARE(boxes->at(2).size(), qint64(108)); // written with its explicit size
    // scanBoxes agrees on offsets and header sizes.
    Result<std::vector<BoxSpan>> spans = scanBoxes(data);
    QVERIFY(spans.ok());
    QCOMPARE(spans->at(0).headerSize, 16);
    QCOMPARE(spans->at(2).offset, qint64(19 + 20));
    QCOMPARE(spans->at(2).size, qint64(108));
    // Serialising keeps the 64-bit header of the first box and the tree's sizes.
    QByteArray again;
    for (const Box &b : boxes.value())
        again += b.serialize();
    QCOMPARE(again.left(39), data.left(39));
    QCOMPARE(be::read32(again.constData() + 39), quint32(108));

    // Growing a child fixes every enclosing size.
    Box moov = boxes->at(1);
    moov.children[0].body += QByteArray(10, 'q');
    const QByteArray grown = moov.serialize();
    QCOMPARE(be::read32(grown.constData()), quint32(30));
    QCOMPARE(be::read32(grown.constData() + 8), quint32(22));
}

void TestCenc::boxRejectsBadSizes_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("where");
    QByteArray tooSmall;
    be::put32(tooSmall, 4);
    be::put32(tooSmall, fourcc("free"));
    QTest::newRow("size below header") << tooSmall << QStringLiteral("box 'free' at byte 0");
    QByteArray pastEnd;
    be::put32(pastEnd, 8);
    be::put32(pastEnd, fourcc("free"));
    be::put32(pastEnd, 100);
    be::put32(pastEnd, fourcc("mdat"));
    QTest::newRow("runs past end") << pastEnd << QStringLiteral("box 'mdat' at byte 8");
    QByteArray childPastParent;
    be::put32(childPastParent, 16);
    be::put32(childPastParent, fourcc("moov"));
    be::put32(childPastParent, 12);
    be::put32(childPastParent, fourcc("trak"));
    QTest::newRow("child past parent") << childPastParent << QStringLiteral("box 'trak' at byte 8");
    QTest::newRow("cut header") << QByteArray("\0\0\0", 3) << QStringLiteral("at byte 0");
    QByteArray nestedToEnd;
    be::put32(nestedToEnd, 16);
    be::put32(nestedToEnd, fourcc("moov"));
    be::put32(nestedToEnd, 0);
    be::put32(nestedToEnd, fourcc("trak"));
    QTest::newRow("nested size 0") << nestedToEnd << QStringLiteral("box 'trak' at byte 8");
}

void TestCenc::boxRejectsBadSizes()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, where);
    Result<std::vector<Box>> boxes = parseBoxes(data);
    QVERIFY(!boxes.ok());
    QCOMPARE(boxes.error().code, QStringLiteral("cenc.bad_box"));
    QVERIFY2(boxes.error().context.contains(where), qPrintable(boxes.error().toString()));
}

// ---- subsample maps ---------------------------------------------------------------------------------

namespace {
QByteArray nal(int lengthSize, QByteArray header, int payloadBytes)
{
    QByteArray body = header + QByteArray(payloadBytes, '\x55');
    QByteArray out;
    for (int i = lengthSize - 1; i >= 0; --i)
        out.append(char((body.size() >> (8 * i)) & 0xff));
    return out + body;
}
using SubList = QList<Subsample>;
} // namespace

void TestCenc::subsampleMaps_data()
{
    QTest::addColumn<QByteArray>("sample");
    QTest::addColumn<int>("codec"); // NalCodec
    QTest::addColumn<int>("lengthSize");
    QTest::addColumn<SubList>("expected");

    const QByteArray idr("\x65", 1), sps("\x67", 1), pps("\x68", 1), sei("\x06", 1), aud("\x09", 1);
    // IDR with 100 payload bytes: clear 4 + 1 + 100 % 16 = 9, protected 96.
    QTest::newRow("h264 one slice") << nal(4, idr, 100) << int(NalCodec::H264) << 4 << SubList{{9, 96}};
    // payload a multiple of 16: only prefix + header clear.
    QTest::newRow("h264 aligned slice") << nal(4, idr, 64) << int(NalCodec::H264) << 4 << SubList{{5, 64}};
    // AUD + SPS + PPS + SEI all clear, merged into the slice's clear bytes: (4+2)+(4+11)+(4+5)+(4+21) = 55.
    QTest::newRow("h264 parameter sets merged")
        << nal(4, aud, 1) + nal(4, sps, 10) + nal(4, pps, 4) + nal(4, sei, 20) + nal(4, idr, 40) << int(NalCodec::H264)
        << 4 << SubList{{quint16(55 + 5 + 8), 32}};
    // Slice too small for a block stays clear and trails as (clear, 0).
    QTest::newRow("h264 tiny slice") << nal(4, QByteArray("\x41", 1), 15) << int(NalCodec::H264) << 4
                                     << SubList{{20, 0}};
    // Two slices then a trailing SEI.
    QTest::newRow("h264 two slices + trailing sei")
        << nal(4, QByteArray("\x41", 1), 33) + nal(4, QByteArray("\x41", 1), 32) + nal(4, sei, 3) << int(NalCodec::H264)
        << 4 << SubList{{6, 32}, {5, 32}, {8, 0}};
    // 2-byte length prefixes.
    QTest::newRow("h264 2-byte lengths") << nal(2, idr, 50) << int(NalCodec::H264) << 2 << SubList{{5, 48}};
    // HEVC: 2-byte NAL header; IDR_W_RADL = type 19 -> 0x26 0x01; VPS (32) -> 0x40 0x01.
    QTest::newRow("hevc slice") << nal(4, QByteArray("\x26\x01", 2), 100) << int(NalCodec::Hevc) << 4
                                << SubList{{10, 96}};
    QTest::newRow("hevc vps clear + slice")
        << nal(4, QByteArray("\x40\x01", 2), 20) + nal(4, QByteArray("\x02\x01", 2), 48) << int(NalCodec::Hevc) << 4
        << SubList{{quint16(26 + 6), 48}};
    // A 70000-byte SEI: clear run split at 65535.
    QTest::newRow("clear run over 65535") << nal(4, sei, 69999) + nal(4, idr, 32) << int(NalCodec::H264) << 4
                                          << SubList{{65535, 0}, {quint16(70004 - 65535 + 5), 32}};
    QTest::newRow("empty sample") << QByteArray() << int(NalCodec::H264) << 4 << SubList{{0, 0}};
}

void TestCenc::subsampleMaps()
{
    QFETCH(QByteArray, sample);
    QFETCH(int, codec);
    QFETCH(int, lengthSize);
    QFETCH(SubList, expected);
    Result<QList<Subsample>> map = nalSubsamples(sample, NalCodec(codec), lengthSize);
    QVERIFY2(map.ok(), map.ok() ? "" : qPrintable(map.error().toString()));
    QCOMPARE(map.value(), expected);
    qint64 sum = 0;
    for (const Subsample &s : map.value()) {
        sum += s.clearBytes + s.protectedBytes;
        QCOMPARE(s.protectedBytes % 16, 0u);
    }
    QCOMPARE(sum, qint64(sample.size()));
}

void TestCenc::subsampleBadNal()
{
    QByteArray overrun = nal(4, QByteArray("\x65", 1), 40);
    overrun.chop(1);
    Result<QList<Subsample>> a = nalSubsamples(overrun, NalCodec::H264, 4);
    QVERIFY(!a.ok());
    QCOMPARE(a.error().code, QStringLiteral("cenc.bad_nal"));
    QVERIFY(a.error().message.contains(QStringLiteral("runs past the end")));

    Result<QList<Subsample>> b = nalSubsamples(QByteArray("\0\0", 2), NalCodec::H264, 4);
    QVERIFY(!b.ok());
    QVERIFY(b.error().message.contains(QStringLiteral("cut short")));

    Result<QList<Subsample>> c = nalSubsamples(nal(4, QByteArray(), 0), NalCodec::H264, 4);
    QVERIFY(!c.ok());
    QVERIFY(c.error().message.contains(QStringLiteral("shorter than its header")));

    Result<QList<Subsample>> d = nalSubsamples(nal(4, QByteArray("\x65", 1), 10), NalCodec::H264, 3);
    QVERIFY(!d.ok());
}

// ---- end to end -----------------------------------------------------------------------------------

void TestCenc::ffmpegDecryptsEveryTrack_data()
{
    QTest::addColumn<QString>("codec");
    QTest::addColumn<QString>("rung");
    QTest::newRow("h264 video") << QStringLiteral("h264") << QStringLiteral("360p");
    QTest::newRow("h264 package audio") << QStringLiteral("h264") << QStringLiteral("aac");
    QTest::newRow("hevc video") << QStringLiteral("hevc") << QStringLiteral("360p");
    QTest::newRow("hevc package audio") << QStringLiteral("hevc") << QStringLiteral("aac");
}

void TestCenc::ffmpegDecryptsEveryTrack()
{
    // Two ways in, because FFmpeg 5.1's mov demuxer picks a fragment's encryption info by the moof it
    // parsed last (cenc_filter uses frag_index.current; upstream later fixed it with
    // get_frag_stream_info_from_pkt). A *seekable* file of several fragments without sidx/mfra is
    // parsed to the end while reading the header, so every sample would get the last fragment's IVs.
    //  - the whole track on a pipe: each moof is parsed just before its samples (senc path);
    //  - each segment alone as a seekable file (init + seg_k): FFmpeg reads saiz/saio, which come
    //    before senc, so the saio offset and saiz sizes are what it decrypts with.
    QFETCH(QString, codec);
    QFETCH(QString, rung);
    const QString clearDir = trackDir(codec == u"h264" ? m_h264Root : m_hevcRoot, rung);
    const QString encDir = m_encRoot + u'/' + codec + u'/' + rung;
    const QString scratch = m_tmp.filePath(codec + u'-' + rung + QStringLiteral("-scratch.mp4"));
    const QString key = keyHex(m_key);

    const QByteArray clearTrack = concatTrack(clearDir);
    const QByteArray encTrack = concatTrack(encDir);
    QVERIFY(encTrack != clearTrack);
    const Run clear = framemd5(clearTrack, Feed::SeekableFile, scratch);
    QCOMPARE(clear.exitCode, 0);
    const int frames = int(clear.out.count('\n') - clear.out.count("\n#"));
    QVERIFY2(frames > 100, clear.out.left(400).constData()); // 6 s: 359 video frames or ~282 AAC frames

    const Run decrypted = framemd5(encTrack, Feed::Pipe, scratch, key);
    QVERIFY2(decrypted.exitCode == 0, decrypted.err.left(2000).constData());
    QVERIFY2(decrypted.err.isEmpty(), decrypted.err.left(2000).constData()); // no decoder complaints
    QCOMPARE(decrypted.out, clear.out);

    // Without the key the demuxer hands over ciphertext; with a wrong key it decrypts to noise.
    const Run noKey = framemd5(encTrack, Feed::Pipe, scratch);
    QVERIFY(noKey.exitCode != 0 || noKey.out != clear.out);
    ContentKey wrong = m_key;
    wrong.key[0] ^= 0x01;
    const Run wrongKey = framemd5(encTrack, Feed::Pipe, scratch, keyHex(wrong));
    QVERIFY(wrongKey.exitCode != 0 || wrongKey.out != clear.out);

    const QStringList segments = QDir(encDir).entryList({QStringLiteral("*.m4s")}, QDir::Files, QDir::Name);
    QVERIFY(segments.size() >= 3);
    for (const QString &seg : segments) {
        const Run c = framemd5(concatTrack(clearDir, seg), Feed::SeekableFile, scratch);
        const Run d = framemd5(concatTrack(encDir, seg), Feed::SeekableFile, scratch, key);
        QCOMPARE(c.exitCode, 0);
        QVERIFY2(d.exitCode == 0 && d.err.isEmpty(), qPrintable(seg + u' ' + QString::fromUtf8(d.err.left(1000))));
        QVERIFY2(d.out == c.out, qPrintable(seg));
        const Run w = framemd5(concatTrack(encDir, seg), Feed::SeekableFile, scratch, keyHex(wrong));
        QVERIFY(w.exitCode != 0 || w.out != c.out);
    }
}

void TestCenc::initBoxesReadBack()
{
    struct Expect {
        QString codec, rung, entry, original;
    };
    for (const Expect &e :
         {Expect{QStringLiteral("h264"), QStringLiteral("360p"), QStringLiteral("encv"), QStringLiteral("avc1")},
          Expect{QStringLiteral("h264"), QStringLiteral("aac"), QStringLiteral("enca"), QStringLiteral("mp4a")},
          Expect{QStringLiteral("hevc"), QStringLiteral("360p"), QStringLiteral("encv"), QStringLiteral("hvc1")}}) {
        const QByteArray bytes = readAll(m_encRoot + u'/' + e.codec + u'/' + e.rung + QStringLiteral("/init.mp4"));
        Result<std::vector<Box>> roots = parseBoxes(bytes);
        QVERIFY(roots.ok());
        const Box *stsd = findPath(roots.value(), {fourcc("moov"), fourcc("trak"), fourcc("mdia"), fourcc("minf"),
                                                   fourcc("stbl"), fourcc("stsd")});
        QVERIFY(stsd);
        const Box &entry = stsd->children.at(0);
        QCOMPARE(fourccToString(entry.type), e.entry);
        // The codec configuration is still there, sinf is the last child.
        QVERIFY(entry.child(e.original == u"mp4a"   ? fourcc("esds")
                            : e.original == u"avc1" ? fourcc("avcC")
                                                    : fourcc("hvcC")));
        QCOMPARE(entry.children.back().type, fourcc("sinf"));
        const Box *sinf = entry.child(fourcc("sinf"));
        QCOMPARE(fourccToString(be::read32(sinf->child(fourcc("frma"))->body.constData())), e.original);
        const Box *schm = sinf->child(fourcc("schm"));
        QCOMPARE(be::read32(schm->body.constData() + 4), fourcc("cenc"));
        QCOMPARE(be::read32(schm->body.constData() + 8), 0x00010000u);
        const Box *tenc = findPath(const_cast<Box &>(*sinf), {fourcc("schi"), fourcc("tenc")});
        QVERIFY(tenc);
        QCOMPARE(tenc->version(), quint8(0));
        QCOMPARE(tenc->body.size(), 4 + 4 + 16);
        QCOMPARE(quint8(tenc->body[6]), quint8(1)); // default_isProtected
        QCOMPARE(quint8(tenc->body[7]), quint8(8)); // default_Per_Sample_IV_Size
        QCOMPARE(keyIdFromBytes(QByteArrayView(tenc->body).sliced(8, 16)), m_key.kid);

        // pssh boxes at the end of moov, in order, parse back.
        const Box *moov = findPath(roots.value(), {fourcc("moov")});
        std::vector<const Box *> pssh = moov->childrenOfType(fourcc("pssh"));
        QCOMPARE(pssh.size(), size_t(3));
        QList<DrmSystem> systems;
        for (const Box *p : pssh) {
            Result<PsshInfo> info = parsePssh(p->serialize());
            QVERIFY(info.ok());
            QCOMPARE(info->kids, QList<KeyId>{m_key.kid});
            systems << info->system;
        }
        QCOMPARE(systems, (QList<DrmSystem>{DrmSystem::Common, DrmSystem::Widevine, DrmSystem::PlayReady}));
        // The key never lands in the init segment.
        QVERIFY(!bytes.contains(QByteArray(reinterpret_cast<const char *>(m_key.key.data()), 16)));
    }
}

void TestCenc::segmentBoxesReadBack_data()
{
    QTest::addColumn<QString>("codec");
    QTest::addColumn<QString>("rung");
    QTest::newRow("h264 video") << QStringLiteral("h264") << QStringLiteral("360p");
    QTest::newRow("aac") << QStringLiteral("h264") << QStringLiteral("aac");
    QTest::newRow("hevc video") << QStringLiteral("hevc") << QStringLiteral("360p");
}

void TestCenc::segmentBoxesReadBack()
{
    QFETCH(QString, codec);
    QFETCH(QString, rung);
    const bool video = rung != u"aac";
    const QString clearDir = trackDir(codec == u"h264" ? m_h264Root : m_hevcRoot, rung);
    const QString encDir = m_encRoot + u'/' + codec + u'/' + rung;
    const QStringList segs = QDir(clearDir).entryList({QStringLiteral("*.m4s")}, QDir::Files, QDir::Name);
    QCOMPARE(QDir(encDir).entryList({QStringLiteral("*.m4s")}, QDir::Files, QDir::Name), segs);
    QSet<QByteArray> ivs;
    int samplesSeen = 0;
    for (const QString &seg : segs) {
        const QByteArray clear = readAll(clearDir + u'/' + seg);
        const QByteArray enc = readAll(encDir + u'/' + seg);
        const QList<TrafView> clearTrafs = readTrafs(clear);
        const QList<TrafView> trafs = readTrafs(enc);
        QCOMPARE(trafs.size(), 1);
        QCOMPARE(clearTrafs.size(), 1);
        const TrafView &v = trafs[0];
        const TrafView &c = clearTrafs[0];
        QCOMPARE(v.sampleSizes, c.sampleSizes);

        // senc / saiz / saio agree with trun.
        QCOMPARE(v.sencSamples, v.trunSamples);
        QCOMPARE(v.sencFlags, video ? 0x2u : 0u);
        QCOMPARE(v.saizCount, v.trunSamples);
        QVERIFY(v.saioOffset > 0);
        QCOMPARE(qint64(v.saioOffset), v.sencFirstIvInMoof);
        QCOMPARE(enc.mid(v.moofOffset + v.saioOffset, 8), v.sencBody.mid(8, 8)); // saio -> first IV

        // trun data_offset points at the mdat payload; the mdat is byte-for-byte as long as before.
        Result<std::vector<BoxSpan>> spans = scanBoxes(enc);
        QVERIFY(spans.ok());
        const BoxSpan &mdat = spans->back();
        QCOMPARE(mdat.type, fourcc("mdat"));
        QCOMPARE(v.moofOffset + v.dataOffset, mdat.payloadOffset());
        qint64 total = 0;
        for (quint32 s : v.sampleSizes)
            total += s;
        QCOMPARE(total, mdat.size - mdat.headerSize);
        QCOMPARE(qint64(enc.size() - clear.size()), v.moofSize - c.moofSize);

        // Walk senc: per-sample info sizes = saiz, subsamples cover the sample, clear bytes untouched,
        // protected bytes whole blocks and actually changed.
        ByteReader r(v.sencBody);
        r.u32();
        r.u32();
        qint64 clearPos = c.moofOffset + c.dataOffset;
        qint64 encPos = v.moofOffset + v.dataOffset;
        for (quint32 i = 0; i < v.trunSamples; ++i) {
            const qsizetype start = r.pos();
            const QByteArray iv = r.bytes(8).toByteArray();
            QVERIFY2(!ivs.contains(iv), "IV repeats within the track");
            ivs.insert(iv);
            const quint32 size = v.sampleSizes[int(i)];
            if (video) {
                const int n = r.u16();
                qint64 covered = 0;
                bool anyProtected = false;
                for (int k = 0; k < n; ++k) {
                    const quint16 clearBytes = r.u16();
                    const quint32 prot = r.u32();
                    QCOMPARE(prot % 16, 0u);
                    QCOMPARE(enc.mid(encPos + covered, clearBytes), clear.mid(clearPos + covered, clearBytes));
                    covered += clearBytes;
                    if (prot) {
                        anyProtected = true;
                        QVERIFY(enc.mid(encPos + covered, prot) != clear.mid(clearPos + covered, prot));
                    }
                    covered += prot;
                }
                QCOMPARE(covered, qint64(size));
                if (size > 64) QVERIFY(anyProtected);
            } else if (size >= 8) {
                QVERIFY(enc.mid(encPos, size) != clear.mid(clearPos, size));
            }
            const int infoSize = int(r.pos() - start);
            QCOMPARE(v.saizDefault ? int(v.saizDefault) : int(quint8(v.saizSizes[int(i)])), infoSize);
            clearPos += size;
            encPos += size;
            ++samplesSeen;
        }
        QVERIFY(r.ok());
        QCOMPARE(r.remaining(), qsizetype(0));
        if (!video) QCOMPARE(v.saizDefault, quint8(8));
    }
    QVERIFY(samplesSeen > 100);
}

void TestCenc::deterministicWithFixedIvBase()
{
    const QString dir = trackDir(m_h264Root, QStringLiteral("360p"));
    const QByteArray init = readAll(dir + QStringLiteral("/init.mp4"));
    const QByteArray seg = readAll(dir + QStringLiteral("/seg_00002.m4s"));
    CencOptions o;
    o.key = fixedKey();
    o.ivBase = 0x1122334455667788ull;
    CencEncryptor a(o), b(o);
    QVERIFY(a.encryptInit(init).ok());
    QVERIFY(b.encryptInit(init).ok());
    SegmentInfo si;
    si.sequenceNumber = 2;
    Result<QByteArray> ea = a.encryptSegment(seg, si);
    Result<QByteArray> eb = b.encryptSegment(seg, si);
    QVERIFY(ea.ok() && eb.ok());
    QCOMPARE(ea.value(), eb.value());
    // IV of sample k = ivBase + (sequence << 32) + k.
    const QList<TrafView> t = readTrafs(ea.value());
    QCOMPARE(be::read64(t[0].sencBody.constData() + 8), 0x1122334455667788ull + (2ull << 32));
    // Another sequence number gives other IVs and other ciphertext.
    si.sequenceNumber = 3;
    Result<QByteArray> ec = a.encryptSegment(seg, si);
    QVERIFY(ec.ok());
    QVERIFY(ec.value() != ea.value());
    // trackInfo reflects what encryptInit learned.
    QVERIFY(a.trackInfo().has_value());
    QCOMPARE(a.trackInfo()->nalLengthSize, 4);
    QCOMPARE(a.trackInfo()->originalFormat, fourcc("avc1"));
    QVERIFY(a.trackInfo()->subsampleEncryption);
}

void TestCenc::sidxIsFixedUp()
{
    // styp + sidx(one reference covering moof+mdat) + moof + mdat, built from a real clear segment.
    const QString dir = trackDir(m_h264Root, QStringLiteral("360p"));
    const QByteArray init = readAll(dir + QStringLiteral("/init.mp4"));
    const QByteArray seg = readAll(dir + QStringLiteral("/seg_00001.m4s"));
    QByteArray styp;
    be::put32(styp, 16);
    be::put32(styp, fourcc("styp"));
    be::put32(styp, fourcc("msdh"));
    be::put32(styp, 0);
    QByteArray sidxBody;
    be::put32(sidxBody, 0);     // version 0, flags
    be::put32(sidxBody, 1);     // reference_ID
    be::put32(sidxBody, 60000); // timescale
    be::put32(sidxBody, 0);     // earliest_presentation_time
    be::put32(sidxBody, 0);     // first_offset
    be::put16(sidxBody, 0);
    be::put16(sidxBody, 1);
    be::put32(sidxBody, quint32(seg.size())); // reference_type 0, referenced_size
    be::put32(sidxBody, 120000);
    be::put32(sidxBody, 0x90000000);
    const QByteArray withSidx = styp + Box::leaf(fourcc("sidx"), sidxBody).serialize() + seg;

    CencOptions o;
    o.key = fixedKey();
    o.ivBase = 7;
    CencEncryptor e(o);
    QVERIFY(e.encryptInit(init).ok());
    Result<QByteArray> plain = e.encryptSegment(seg, {1, QStringLiteral("seg_00001.m4s")});
    Result<QByteArray> indexed = e.encryptSegment(withSidx, {1, QStringLiteral("seg_00001.m4s")});
    QVERIFY2(indexed.ok(), indexed.ok() ? "" : qPrintable(indexed.error().toString()));
    Result<std::vector<BoxSpan>> spans = scanBoxes(indexed.value());
    QVERIFY(spans.ok());
    QCOMPARE(spans->size(), size_t(4));
    const BoxSpan &sidx = spans->at(1);
    QCOMPARE(sidx.type, fourcc("sidx"));
    const quint32 refSize = be::read32(indexed->constData() + sidx.payloadOffset() + 24) & 0x7fffffff;
    QCOMPARE(qint64(refSize), spans->at(2).size + spans->at(3).size);
    QCOMPARE(qint64(refSize), qint64(plain->size()));
    // The media part is the same as without the index.
    QCOMPARE(indexed->mid(spans->at(2).offset), plain.value());

    // A sidx pointing into the middle of a box is refused rather than silently wrong.
    QByteArray badBody = sidxBody;
    be::write32(badBody.data() + 24, quint32(seg.size() - 3));
    const QByteArray bad = styp + Box::leaf(fourcc("sidx"), badBody).serialize() + seg;
    Result<QByteArray> refused = e.encryptSegment(bad, {1, QStringLiteral("bad.m4s")});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, QStringLiteral("cenc.unsupported_layout"));
}

// ---- bad input / cancel -------------------------------------------------------------------------------

void TestCenc::segmentBeforeInitFails()
{
    CencEncryptor e(CencOptions{Scheme::Cenc, fixedKey(), {}, std::nullopt});
    const QByteArray seg = readAll(trackDir(m_h264Root, QStringLiteral("360p")) + QStringLiteral("/seg_00001.m4s"));
    Result<QByteArray> r = e.encryptSegment(seg, {1, QStringLiteral("seg_00001.m4s")});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("cenc.not_initialized"));
    QVERIFY(!e.isInitialized());
}

void TestCenc::badInputsAreRejected()
{
    const QString videoDir = trackDir(m_h264Root, QStringLiteral("360p"));
    const QString audioDir = trackDir(m_h264Root, QStringLiteral("aac"));
    const QByteArray init = readAll(videoDir + QStringLiteral("/init.mp4"));
    const QByteArray seg = readAll(videoDir + QStringLiteral("/seg_00001.m4s"));
    const QByteArray audioSeg = readAll(audioDir + QStringLiteral("/seg_00001.m4s"));
    const ContentKey key = fixedKey();
    const QString secret = keyHex(key);
    CencOptions o;
    o.key = key;
    const auto noSecret = [&](const Error &e) {
        const QString all = e.toString().toLower();
        return !all.contains(secret) && !all.contains(secret.left(8)) &&
               !all.contains(QString::fromLatin1(QByteArray::fromHex(secret.toLatin1()).toBase64()));
    };

    CencEncryptor e(o);
    // A media segment is not an init segment.
    Result<QByteArray> notInit = e.encryptInit(seg);
    QVERIFY(!notInit.ok());
    QCOMPARE(notInit.error().code, QStringLiteral("cenc.not_init"));
    QVERIFY(noSecret(notInit.error()));
    QVERIFY(!e.isInitialized());

    // Garbage.
    Result<QByteArray> garbage = e.encryptInit(QByteArray("this is not an mp4 file at all"));
    QVERIFY(!garbage.ok());
    QCOMPARE(garbage.error().code, QStringLiteral("cenc.bad_box"));

    Result<QByteArray> encInit = e.encryptInit(init);
    QVERIFY(encInit.ok());
    // Encrypting twice is refused (init and segment).
    CencEncryptor again(o);
    Result<QByteArray> twice = again.encryptInit(encInit.value());
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().code, QStringLiteral("cenc.already_encrypted"));
    Result<QByteArray> encSeg = e.encryptSegment(seg, {1, QStringLiteral("seg_00001.m4s")});
    QVERIFY(encSeg.ok());
    Result<QByteArray> segTwice = e.encryptSegment(encSeg.value(), {1, QStringLiteral("seg_00001.m4s")});
    QVERIFY(!segTwice.ok());
    QCOMPARE(segTwice.error().code, QStringLiteral("cenc.already_encrypted"));

    // An init segment passed as a media segment.
    Result<QByteArray> initAsSeg = e.encryptSegment(init, {});
    QVERIFY(!initAsSeg.ok());
    QCOMPARE(initAsSeg.error().code, QStringLiteral("cenc.not_segment"));

    // Truncated segment: the mdat runs past the end.
    Result<QByteArray> cut = e.encryptSegment(seg.left(seg.size() - 100), {1, QStringLiteral("seg_00001.m4s")});
    QVERIFY(!cut.ok());
    QCOMPARE(cut.error().code, QStringLiteral("cenc.bad_box"));
    QVERIFY(cut.error().context.startsWith(QStringLiteral("seg_00001.m4s")));

    // Track ID mismatch: patch tfhd's track_ID (moof 8 + mfhd 16 + traf 8 + tfhd header 8 + v/f 4 = 44).
    QByteArray otherTrack = seg;
    be::write32(otherTrack.data() + 44, 7);
    Result<QByteArray> mismatch = e.encryptSegment(otherTrack, {1, QStringLiteral("seg_00001.m4s")});
    QVERIFY(!mismatch.ok());
    QCOMPARE(mismatch.error().code, QStringLiteral("cenc.track_mismatch"));

    // A corrupt NAL length inside the first sample: names the sample.
    Result<std::vector<BoxSpan>> spans = scanBoxes(seg);
    QVERIFY(spans.ok());
    QByteArray badNal = seg;
    be::write32(badNal.data() + spans->back().payloadOffset(), 0x7ffffff0);
    Result<QByteArray> nalErr = e.encryptSegment(badNal, {1, QStringLiteral("seg_00001.m4s")});
    QVERIFY(!nalErr.ok());
    QCOMPARE(nalErr.error().code, QStringLiteral("cenc.bad_nal"));
    QVERIFY2(nalErr.error().context.contains(QStringLiteral("sample 1")), qPrintable(nalErr.error().toString()));
    QVERIFY(noSecret(nalErr.error()));

    // A trun whose sizes run past the mdat.
    QByteArray bigSample = seg;
    // The first sample's size in the trun, found from the trun's flags (whatever the muxer wrote):
    // after the type come version/flags and sample_count, then data_offset (0x1) and
    // first_sample_flags (0x4) when present, then the first sample's duration (0x100) and size (0x200).
    const qsizetype trun = bigSample.indexOf("trun");
    QVERIFY(trun > 0);
    const quint32 trunFlags = quint32(be::read32(bigSample.constData() + trun + 4)) & 0xffffff;
    QVERIFY(trunFlags & 0x200); // sample sizes are written per sample
    qsizetype sizeAt = trun + 4 + 4 + 4;
    if (trunFlags & 0x1) sizeAt += 4;
    if (trunFlags & 0x4) sizeAt += 4;
    if (trunFlags & 0x100) sizeAt += 4;
    be::write32(bigSample.data() + sizeAt, 0x00ffffff);
    Result<QByteArray> outside = e.encryptSegment(bigSample, {1, QStringLiteral("seg_00001.m4s")});
    QVERIFY(!outside.ok());
    QCOMPARE(outside.error().code, QStringLiteral("cenc.sample_outside_mdat"));

    // An audio segment with the video init: track IDs are both 1, so the NAL walk catches it.
    Result<QByteArray> wrongKind = e.encryptSegment(audioSeg, {1, QStringLiteral("audio seg")});
    QVERIFY(!wrongKind.ok());
    QCOMPARE(wrongKind.error().code, QStringLiteral("cenc.bad_nal"));

    // A pssh option that is not a pssh box.
    CencOptions badPssh = o;
    badPssh.psshBoxes << Box::leaf(fourcc("free"), "x").serialize();
    CencEncryptor withBadPssh(badPssh);
    Result<QByteArray> psshErr = withBadPssh.encryptInit(init);
    QVERIFY(!psshErr.ok());
    QCOMPARE(psshErr.error().code, QStringLiteral("cenc.bad_pssh"));

    // Folder errors.
    Result<TrackEncryptionStats> noInit =
        encryptTrackDirectory(m_tmp.filePath(QStringLiteral("nowhere")), m_tmp.filePath(QStringLiteral("x")), o);
    QVERIFY(!noInit.ok());
    QCOMPARE(noInit.error().code, QStringLiteral("cenc.read"));
    Result<TrackEncryptionStats> sameDir = encryptTrackDirectory(videoDir, videoDir, o);
    QVERIFY(!sameDir.ok());
    QCOMPARE(sameDir.error().code, QStringLiteral("cenc.write"));
}

void TestCenc::av1IsRefusedClearly()
{
    // Turn the avc1 entry into av01 (same fixed fields, bogus config) and expect a clear refusal.
    QByteArray init = readAll(trackDir(m_h264Root, QStringLiteral("360p")) + QStringLiteral("/init.mp4"));
    const qsizetype at = init.indexOf("avc1");
    QVERIFY(at > 0);
    init.replace(at, 4, "av01");
    CencEncryptor e(CencOptions{Scheme::Cenc, fixedKey(), {}, std::nullopt});
    Result<QByteArray> r = e.encryptInit(init);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("cenc.unsupported_codec"));
    QVERIFY(r.error().message.contains(QStringLiteral("AV1")));
}

void TestCenc::cbcsIsRefusedClearly()
{
    const QByteArray init = readAll(trackDir(m_h264Root, QStringLiteral("360p")) + QStringLiteral("/init.mp4"));
    CencEncryptor e(CencOptions{Scheme::Cbcs, fixedKey(), {}, std::nullopt});
    Result<QByteArray> r = e.encryptInit(init);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("cenc.unsupported_scheme"));
}

void TestCenc::cancelStopsBetweenSegments()
{
    CancelToken cancel;
    cancel.cancel();
    CencOptions o;
    o.key = fixedKey();
    const QString out = m_tmp.filePath(QStringLiteral("canceled"));
    Result<TrackEncryptionStats> r =
        encryptTrackDirectory(trackDir(m_h264Root, QStringLiteral("360p")), out, o, cancel);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, QStringLiteral("cenc.canceled"));
    // Only the init segment was written before the first check.
    QCOMPARE(QDir(out).entryList(QDir::Files), QStringList{QStringLiteral("init.mp4")});
}

void TestCenc::corruptInputNeverCrashes()
{
    // Deterministic mutation pass over real files (run under the ASan preset to catch bad reads):
    // every call returns a value or a cenc.* error; nothing crashes, hangs or reads out of bounds.
    const QString dir = trackDir(m_h264Root, QStringLiteral("360p"));
    const QByteArray init = readAll(dir + QStringLiteral("/init.mp4"));
    const QByteArray seg = readAll(dir + QStringLiteral("/seg_00001.m4s"));
    Result<std::vector<BoxSpan>> spans = scanBoxes(seg);
    QVERIFY(spans.ok());
    const qsizetype moofEnd = qsizetype(spans->front().end()) + 64; // the boxes + the first NAL headers
    QRandomGenerator rng(20240607);
    CencOptions o;
    o.key = fixedKey();
    CencEncryptor good(o);
    QVERIFY(good.encryptInit(init).ok());
    int failures = 0, successes = 0;
    for (int round = 0; round < 1500; ++round) {
        QByteArray s = seg;
        const int edits = 1 + int(rng.bounded(4));
        for (int e = 0; e < edits; ++e)
            s[qsizetype(rng.bounded(quint32(moofEnd)))] = char(rng.bounded(256));
        if (round % 10 == 0) s.truncate(qsizetype(rng.bounded(quint32(s.size()))));
        Result<QByteArray> r = good.encryptSegment(s, {1, QStringLiteral("mutated")});
        if (r.ok()) {
            ++successes;
        } else {
            ++failures;
            QVERIFY2(r.error().code.startsWith(QStringLiteral("cenc.")), qPrintable(r.error().code));
            QVERIFY(!r.error().message.isEmpty());
        }
    }
    for (int round = 0; round < 500; ++round) {
        QByteArray i = init;
        const int edits = 1 + int(rng.bounded(4));
        for (int e = 0; e < edits; ++e)
            i[qsizetype(rng.bounded(quint32(i.size())))] = char(rng.bounded(256));
        CencEncryptor fresh(o);
        Result<QByteArray> r = fresh.encryptInit(i);
        QVERIFY(r.ok() || r.error().code.startsWith(QStringLiteral("cenc.")));
        QByteArray p = makeWidevinePssh({m_key.kid}, {QStringLiteral("p"), "c"});
        p[qsizetype(rng.bounded(quint32(p.size())))] = char(rng.bounded(256));
        Result<PsshInfo> pi = parsePssh(p);
        QVERIFY(pi.ok() || pi.error().code.startsWith(QStringLiteral("cenc.")));
    }
    QVERIFY(failures > 0 && successes > 0); // the mutations hit both harmless and fatal fields
}

QTEST_GUILESS_MAIN(TestCenc)
#include "tst_cenc.moc"
