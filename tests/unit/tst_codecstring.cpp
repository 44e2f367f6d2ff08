// codecString(): RFC 6381 strings from hand-made avcC / hvcC / av1C boxes (ISO/IEC 14496-15
// and the AV1-in-ISOBMFF binding), from Annex B extradata when there is no init segment,
// and for AAC/Opus. The encoder is a bare AVCodecContext owned by av::CodecContextPtr.

#include "core/media/CodecString.h"
#include "core/media/FFmpegPtr.h"

#include <QRegularExpression>
#include <QtTest>

#include <cstring>

using namespace rendition;

namespace {

QByteArray bytes(std::initializer_list<int> list)
{
    QByteArray out;
    for (int b : list) out.append(char(quint8(b)));
    return out;
}

QByteArray be32(quint32 v) { return bytes({int(v >> 24), int((v >> 16) & 0xff), int((v >> 8) & 0xff), int(v & 0xff)}); }

QByteArray box(const char *type, const QByteArray &payload) { return be32(quint32(8 + payload.size())) + QByteArray(type, 4) + payload; }

// An init segment with the sample entry's configuration box somewhere inside moov.
QByteArray initWith(const QByteArray &configBox)
{
    const QByteArray ftyp = box("ftyp", QByteArray("cmfc") + be32(0) + "iso6cmfc");
    return ftyp + box("moov", box("mvhd", QByteArray(100, '\0')) + box("trak", box("stsd", QByteArray(16, '\0') + configBox)));
}

QByteArray avcC(int profile, int compat, int level)
{
    return box("avcC", bytes({1, profile, compat, level, 0xff, 0xe1, 0x00, 0x04}) + bytes({0x67, profile, compat, level}) + bytes({1, 0, 1, 0x68}));
}

// general_profile_space/tier/idc, 32 compatibility flags, 48 constraint bits, level.
QByteArray hevcPtl(int spaceTierIdc, quint32 compat, const QByteArray &constraints6, int level)
{
    return bytes({spaceTierIdc}) + be32(compat) + constraints6 + bytes({level});
}

QByteArray hvcC(const QByteArray &ptl)
{
    return box("hvcC", bytes({1}) + ptl + bytes({0xf0, 0x00, 0xfc, 0xfd, 0xf8, 0xf8, 0x00, 0x00, 0x0f, 0x00}));
}

QByteArray av1C(int profileLevel, int tierDepth) { return box("av1C", bytes({0x81, profileLevel, tierDepth, 0x00})); }

// Inserts emulation-prevention bytes (00 00 0x → 00 00 03 0x for x <= 3).
QByteArray escapeNal(const QByteArray &raw)
{
    QByteArray out;
    int zeros = 0;
    for (char c : raw) {
        if (zeros >= 2 && quint8(c) <= 3) {
            out.append('\x03');
            zeros = 0;
        }
        out.append(c);
        zeros = c == 0 ? zeros + 1 : 0;
    }
    return out;
}

QByteArray annexB(const QList<QByteArray> &nals)
{
    QByteArray out;
    for (const QByteArray &n : nals) out += bytes({0, 0, 0, 1}) + escapeNal(n);
    return out;
}

const QByteArray kPps = bytes({0x68, 0xce, 0x38, 0x80});
QByteArray h264Sps(int profile, int compat, int level) { return bytes({0x67, profile, compat, level, 0xac, 0xd9, 0x40, 0xa0}); }
const QByteArray kHevcVps = bytes({0x40, 0x01, 0x0c, 0x01, 0xff, 0xff, 0x01, 0x60});
QByteArray hevcSps(const QByteArray &ptl) { return bytes({0x42, 0x01, 0x01}) + ptl + bytes({0xa0, 0x03, 0xc0, 0x80}); }

const QByteArray kZero6(6, '\0');
const QByteArray kB0 = bytes({0xb0, 0, 0, 0, 0, 0});
const QByteArray k90 = bytes({0x90, 0, 0, 0, 0, 0});

av::CodecContextPtr makeEncoder(AVMediaType type, AVCodecID id, int profile, const QByteArray &extradata)
{
    av::CodecContextPtr ctx = av::makeCodecContext(nullptr);
    if (!ctx) return ctx;
    ctx->codec_type = type;
    ctx->codec_id = id;
    ctx->profile = profile;
    if (!extradata.isEmpty()) {
        ctx->extradata = static_cast<uint8_t *>(av_mallocz(size_t(extradata.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
        std::memcpy(ctx->extradata, extradata.constData(), size_t(extradata.size()));
        ctx->extradata_size = int(extradata.size());
    }
    return ctx;
}

} // namespace

class TestCodecString : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void video_data();
    void video();
    void malformedInputStaysWellFormed_data();
    void malformedInputStaysWellFormed();
    void audio_data();
    void audio();
};

void TestCodecString::video_data()
{
    QTest::addColumn<int>("codecId");
    QTest::addColumn<QByteArray>("init");
    QTest::addColumn<QByteArray>("extradata");
    QTest::addColumn<QString>("expected");
    const int h264 = AV_CODEC_ID_H264, hevc = AV_CODEC_ID_HEVC, av1 = AV_CODEC_ID_AV1;

    QTest::newRow("avcC high 4.0") << h264 << initWith(avcC(0x64, 0x00, 0x28)) << QByteArray() << "avc1.640028";
    QTest::newRow("avcC main 3.1") << h264 << initWith(avcC(0x4d, 0x40, 0x1f)) << QByteArray() << "avc1.4d401f";
    QTest::newRow("avcC baseline 3.0 constrained") << h264 << initWith(avcC(0x42, 0xc0, 0x1e)) << QByteArray() << "avc1.42c01e";
    QTest::newRow("avcC wins over extradata") << h264 << initWith(avcC(0x64, 0x00, 0x28))
                                              << annexB({h264Sps(0x4d, 0x40, 0x1f), kPps}) << "avc1.640028";
    QTest::newRow("Annex B SPS, no init") << h264 << QByteArray() << annexB({h264Sps(0x64, 0x00, 0x1f), kPps}) << "avc1.64001f";
    QTest::newRow("Annex B PPS before SPS") << h264 << QByteArray() << annexB({kPps, h264Sps(0x4d, 0x40, 0x29)}) << "avc1.4d4029";
    QTest::newRow("Annex B 3-byte start code") << h264 << QByteArray()
                                               << bytes({0, 0, 1}) + h264Sps(0x42, 0xe0, 0x0d) << "avc1.42e00d";

    QTest::newRow("hvcC Main L93 B0") << hevc << initWith(hvcC(hevcPtl(0x01, 0x60000000, kB0, 93))) << QByteArray()
                                      << "hvc1.1.6.L93.B0";
    QTest::newRow("hvcC Main L120 90") << hevc << initWith(hvcC(hevcPtl(0x01, 0x60000000, k90, 120))) << QByteArray()
                                       << "hvc1.1.6.L120.90";
    QTest::newRow("hvcC Main10 high tier L153") << hevc << initWith(hvcC(hevcPtl(0x22, 0x20000000, kB0, 153))) << QByteArray()
                                                << "hvc1.2.4.H153.B0";
    QTest::newRow("hvcC zero constraints omitted") << hevc << initWith(hvcC(hevcPtl(0x01, 0x60000000, kZero6, 93)))
                                                   << QByteArray() << "hvc1.1.6.L93";
    QTest::newRow("hvcC profile space 1") << hevc << initWith(hvcC(hevcPtl(0x41, 0x60000000, kB0, 93))) << QByteArray()
                                          << "hvc1.A1.6.L93.B0";
    QTest::newRow("HEVC Annex B SPS with emulation prevention")
        << hevc << QByteArray() << annexB({kHevcVps, hevcSps(hevcPtl(0x01, 0x60000000, k90, 93))}) << "hvc1.1.6.L93.90";

    QTest::newRow("av1C main 8-bit L4.0") << av1 << initWith(av1C(0x08, 0x0c)) << QByteArray() << "av01.0.08M.08";
    QTest::newRow("av1C main 10-bit") << av1 << initWith(av1C(0x08, 0x4c)) << QByteArray() << "av01.0.08M.10";
    QTest::newRow("av1C high tier L5.1") << av1 << initWith(av1C(0x0d, 0x8c)) << QByteArray() << "av01.0.13H.08";
    QTest::newRow("av1C high profile 10-bit") << av1 << initWith(av1C(0x29, 0x40)) << QByteArray() << "av01.1.09M.10";
    QTest::newRow("av1C professional 12-bit") << av1 << initWith(av1C(0x4c, 0x60)) << QByteArray() << "av01.2.12M.12";
}

void TestCodecString::video()
{
    QFETCH(int, codecId);
    QFETCH(QByteArray, init);
    QFETCH(QByteArray, extradata);
    QFETCH(QString, expected);
    const av::CodecContextPtr ctx = makeEncoder(AVMEDIA_TYPE_VIDEO, AVCodecID(codecId), FF_PROFILE_UNKNOWN, extradata);
    QVERIFY(ctx);
    QCOMPARE(codecString(ctx.get(), init), expected);
}

// Truncated boxes and broken headers: never a crash or garbage; use what is readable.
void TestCodecString::malformedInputStaysWellFormed_data()
{
    QTest::addColumn<int>("codecId");
    QTest::addColumn<QByteArray>("init");
    QTest::addColumn<QByteArray>("extradata");
    QTest::addColumn<QString>("pattern");
    const int h264 = AV_CODEC_ID_H264, hevc = AV_CODEC_ID_HEVC, av1 = AV_CODEC_ID_AV1;
    const QString avc = QStringLiteral("^avc1\\.[0-9a-fA-F]{6}$");
    const QString hvc = QStringLiteral("^hvc1\\.[A-C]?\\d+\\.[0-9a-fA-F]+\\.[LH]\\d+(\\.[0-9A-F]{1,2}){0,6}$");
    const QString av01 = QStringLiteral("^av01\\.[0-7]\\.\\d{2}[MH]\\.(08|10|12)$");

    QTest::newRow("avcC cut short, SPS in extradata") << h264 << QByteArray("\0\0\0\x0a" "avcC\x01\x64", 10)
                                                      << annexB({h264Sps(0x4d, 0x40, 0x1f)}) << "^avc1\\.4d401f$";
    QTest::newRow("avcC cut short, nothing else") << h264 << QByteArray("\0\0\0\x0a" "avcC\x01\x64", 10) << QByteArray() << avc;
    QTest::newRow("SPS cut short") << h264 << QByteArray() << bytes({0, 0, 1, 0x67, 0x64}) << avc;
    QTest::newRow("only a PPS") << h264 << QByteArray() << annexB({kPps}) << avc;
    QTest::newRow("start code at the very end") << h264 << QByteArray() << bytes({0, 0, 0, 1}) << avc;
    QTest::newRow("hvcC cut short, SPS in extradata") << hevc << QByteArray("\0\0\0\x0c" "hvcC\x01\x01\x60\x00", 12)
                                                      << annexB({kHevcVps, hevcSps(hevcPtl(0x01, 0x60000000, kB0, 120))})
                                                      << "^hvc1\\.1\\.6\\.L120\\.B0$";
    QTest::newRow("hvcC cut short, nothing else") << hevc << QByteArray("\0\0\0\x0c" "hvcC\x01\x01\x60\x00", 12) << QByteArray() << hvc;
    QTest::newRow("HEVC SPS cut short") << hevc << QByteArray() << annexB({bytes({0x42, 0x01, 0x01, 0x01})}) << hvc;
    QTest::newRow("av1C cut short") << av1 << QByteArray("\0\0\0\x09" "av1C\x81", 9) << QByteArray() << av01;
    QTest::newRow("no init, no extradata av1") << av1 << QByteArray() << QByteArray() << av01;
}

void TestCodecString::malformedInputStaysWellFormed()
{
    QFETCH(int, codecId);
    QFETCH(QByteArray, init);
    QFETCH(QByteArray, extradata);
    QFETCH(QString, pattern);
    const av::CodecContextPtr ctx = makeEncoder(AVMEDIA_TYPE_VIDEO, AVCodecID(codecId), FF_PROFILE_UNKNOWN, extradata);
    QVERIFY(ctx);
    const QString s = codecString(ctx.get(), init);
    QVERIFY2(QRegularExpression(pattern).match(s).hasMatch(), qPrintable(s + " !~ " + pattern));
}

void TestCodecString::audio_data()
{
    QTest::addColumn<int>("codecId");
    QTest::addColumn<int>("profile");
    QTest::addColumn<QString>("expected");
    QTest::newRow("AAC LC") << int(AV_CODEC_ID_AAC) << int(FF_PROFILE_AAC_LOW) << "mp4a.40.2";
    QTest::newRow("AAC profile unknown = LC") << int(AV_CODEC_ID_AAC) << int(FF_PROFILE_UNKNOWN) << "mp4a.40.2";
    QTest::newRow("HE-AAC") << int(AV_CODEC_ID_AAC) << int(FF_PROFILE_AAC_HE) << "mp4a.40.5";
    QTest::newRow("HE-AAC v2") << int(AV_CODEC_ID_AAC) << int(FF_PROFILE_AAC_HE_V2) << "mp4a.40.29";
    QTest::newRow("Opus") << int(AV_CODEC_ID_OPUS) << int(FF_PROFILE_UNKNOWN) << "Opus";
}

void TestCodecString::audio()
{
    QFETCH(int, codecId);
    QFETCH(int, profile);
    QFETCH(QString, expected);
    // AAC encoders export an AudioSpecificConfig as extradata; it must not confuse anything.
    const av::CodecContextPtr ctx = makeEncoder(AVMEDIA_TYPE_AUDIO, AVCodecID(codecId), profile, bytes({0x11, 0x90}));
    QVERIFY(ctx);
    QCOMPARE(codecString(ctx.get(), initWith(box("esds", QByteArray(30, '\0')))), expected);
}

QTEST_GUILESS_MAIN(TestCodecString)
#include "tst_codecstring.moc"
