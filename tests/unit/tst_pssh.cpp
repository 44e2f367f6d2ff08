// PSSH boxes (core/media/cenc/Pssh.h): byte-exact known answers for the box layout, the Widevine
// protobuf and the PlayReady checksum (computed independently with `openssl enc -aes-128-ecb`), round
// trips through parsePssh() for all three systems (cenc and cbcs), and malformed boxes.

#include "core/media/cenc/Box.h"
#include "core/media/cenc/Pssh.h"

#include <QtTest>

using namespace rendition;
using namespace rendition::cenc;

namespace {

ContentKey fixedKey()
{
    ContentKey k;
    k.kid = *keyIdFromString(u"01234567-89ab-cdef-0123-456789abcdef");
    for (int i = 0; i < 16; ++i)
        k.key[size_t(i)] = quint8(0xa0 + i); // a0a1...af
    return k;
}

KeyId otherKid()
{
    return *keyIdFromString(u"fedcba9876543210fedcba9876543210");
}

QByteArray hex(const char *h)
{
    return QByteArray::fromHex(h);
}

} // namespace

class TestPssh : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commonBoxIsByteExact();
    void versionZeroWithoutKids();
    void widevineProtobufIsByteExact();
    void widevineRoundTrip_data();
    void widevineRoundTrip();
    void playReadyChecksumKnownAnswer();
    void playReadyCencRoundTrip();
    void playReadyCbcsRoundTrip();
    void playReadyEscapesLaUrl();
    void unknownSystemParses();
    void malformedBoxes_data();
    void malformedBoxes();
};

void TestPssh::commonBoxIsByteExact()
{
    const QByteArray box = makeCommonPssh({fixedKey().kid, otherKid()});
    // size 68 = 8 header + 4 v/f + 16 system + 4 count + 2*16 + 4 data size
    const QByteArray expected = hex("00000044"
                                    "70737368"
                                    "01000000"
                                    "1077efecc0b24d02ace33c1e52e2fb4b"
                                    "00000002"
                                    "0123456789abcdef0123456789abcdef"
                                    "fedcba9876543210fedcba9876543210"
                                    "00000000");
    QCOMPARE(box.toHex(), expected.toHex());
    Result<PsshInfo> info = parsePssh(box);
    QVERIFY(info.ok());
    QCOMPARE(info->system, DrmSystem::Common);
    QCOMPARE(info->version, 1);
    QCOMPARE(info->kids, (QList<KeyId>{fixedKey().kid, otherKid()}));
    QVERIFY(info->data.isEmpty());
}

void TestPssh::versionZeroWithoutKids()
{
    const QByteArray box = makePssh(systemid::kWidevine, {}, hex("0102"), 0);
    QCOMPARE(box.toHex(), hex("00000022"
                              "70737368"
                              "00000000"
                              "edef8ba979d64acea3c827dcd51d21ed"
                              "00000002"
                              "0102")
                              .toHex());
    Result<PsshInfo> info = parsePssh(box);
    QVERIFY(!info.ok()); // 0x01 0x02 is not a valid protobuf: field 0 wire type 1 needs 8 bytes
    QCOMPARE(info.error().code, QStringLiteral("cenc.pssh_widevine"));
}

void TestPssh::widevineProtobufIsByteExact()
{
    const QByteArray pb = widevinePsshData({fixedKey().kid}, {QStringLiteral("rendition"), "asset-1", Scheme::Cenc});
    const QByteArray expected = hex("1210"
                                    "0123456789abcdef0123456789abcdef"
                                    "1a09"
                                    "72656e646974696f6e" // "rendition"
                                    "2207"
                                    "61737365742d31" // "asset-1"
                                    "48"
                                    "e3dc959b06"); // 0x63656e63 'cenc'
    QCOMPARE(pb.toHex(), expected.toHex());
    // cbcs, no provider/content id, two keys.
    const QByteArray pb2 = widevinePsshData({fixedKey().kid, otherKid()}, {{}, {}, Scheme::Cbcs});
    QCOMPARE(pb2.toHex(), hex("1210"
                              "0123456789abcdef0123456789abcdef"
                              "1210"
                              "fedcba9876543210fedcba9876543210"
                              "48"
                              "f3c6899b06")
                              .toHex());
}

void TestPssh::widevineRoundTrip_data()
{
    QTest::addColumn<QList<KeyId>>("kids");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QByteArray>("contentId");
    QTest::addColumn<int>("scheme");
    QTest::newRow("one key, all fields") << QList<KeyId>{fixedKey().kid} << QStringLiteral("rendition")
                                         << QByteArray("asset-1") << int(Scheme::Cenc);
    QTest::newRow("two keys, cbcs") << QList<KeyId>{fixedKey().kid, otherKid()} << QString() << QByteArray()
                                    << int(Scheme::Cbcs);
    QTest::newRow("long content id") << QList<KeyId>{otherKid()} << QStringLiteral("prov") << QByteArray(300, 'c')
                                     << int(Scheme::Cenc); // 2-byte length varint
}

void TestPssh::widevineRoundTrip()
{
    QFETCH(QList<KeyId>, kids);
    QFETCH(QString, provider);
    QFETCH(QByteArray, contentId);
    QFETCH(int, scheme);
    const QByteArray box = makeWidevinePssh(kids, {provider, contentId, Scheme(scheme)});
    Result<PsshInfo> info = parsePssh(box);
    QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
    QCOMPARE(info->system, DrmSystem::Widevine);
    QCOMPARE(info->systemId, systemid::kWidevine);
    QCOMPARE(info->kids, kids);
    QCOMPARE(info->widevineKeyIds, kids);
    QCOMPARE(info->widevineProvider, provider);
    QCOMPARE(info->widevineContentId, contentId);
    QCOMPARE(info->widevineProtectionScheme, schemeFourcc(Scheme(scheme)));
}

void TestPssh::playReadyChecksumKnownAnswer()
{
    // GUID bytes of the KID: 67452301 ab89 efcd 0123456789abcdef;
    // printf ... | openssl enc -aes-128-ecb -K a0a1..af -nopad | head -c 8 | base64  ->  ELqlhzD06j0=
    QCOMPARE(playReadyChecksum(fixedKey()).toBase64(), QByteArray("ELqlhzD06j0="));
    ContentKey other = fixedKey();
    other.key[15] ^= 1;
    QVERIFY(playReadyChecksum(other) != playReadyChecksum(fixedKey()));
}

void TestPssh::playReadyCencRoundTrip()
{
    const ContentKey key = fixedKey();
    Result<QByteArray> box =
        makePlayReadyPssh(key, {QStringLiteral("https://pr.example/rightsmanager.asmx"), Scheme::Cenc});
    QVERIFY(box.ok());
    Result<PsshInfo> info = parsePssh(box.value());
    QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
    QCOMPARE(info->system, DrmSystem::PlayReady);
    QCOMPARE(info->kids, QList<KeyId>{key.kid});
    QCOMPARE(info->playReadyVersion, QStringLiteral("4.0.0.0"));
    QCOMPARE(info->playReadyKids, QList<KeyId>{key.kid}); // GUID order converted back
    QCOMPARE(info->playReadyAlgorithm, QStringLiteral("AESCTR"));
    QCOMPARE(info->playReadyChecksum, playReadyChecksum(key));
    QCOMPARE(info->playReadyLaUrl, QStringLiteral("https://pr.example/rightsmanager.asmx"));
    // The KID is written in GUID byte order, base64.
    QVERIFY(info->playReadyHeaderXml.contains(QStringLiteral("<KID>Z0UjAauJ780BI0VniavN7w==</KID>")));
    QVERIFY(info->playReadyHeaderXml.contains(QStringLiteral("<CHECKSUM>ELqlhzD06j0=</CHECKSUM>")));

    // PlayReady Object layout: LE length = whole object, one record of type 1, UTF-16LE.
    const QByteArray pro = info->data;
    const quint32 len = quint8(pro[0]) | quint8(pro[1]) << 8 | quint8(pro[2]) << 16 | quint32(quint8(pro[3])) << 24;
    QCOMPARE(qsizetype(len), pro.size());
    QCOMPARE(quint8(pro[4]), quint8(1));
    QCOMPARE(quint8(pro[5]), quint8(0));
    QCOMPARE(quint8(pro[6]), quint8(1));
    QCOMPARE(quint8(pro[7]), quint8(0));
    const int recLen = quint8(pro[8]) | quint8(pro[9]) << 8;
    QCOMPARE(recLen, pro.size() - 10);
    QCOMPARE(pro.mid(10, 4), QByteArray("<\0W\0", 4));

    // The key itself is nowhere in the box (raw, hex or base64).
    const QByteArray raw(reinterpret_cast<const char *>(key.key.data()), 16);
    QVERIFY(!box->contains(raw));
    QVERIFY(!info->playReadyHeaderXml.contains(QString::fromLatin1(raw.toBase64())));
    QVERIFY(!info->playReadyHeaderXml.contains(QString::fromLatin1(raw.toHex()), Qt::CaseInsensitive));
}

void TestPssh::playReadyCbcsRoundTrip()
{
    Result<QByteArray> box = makePlayReadyPssh(fixedKey(), {{}, Scheme::Cbcs});
    QVERIFY(box.ok());
    Result<PsshInfo> info = parsePssh(box.value());
    QVERIFY(info.ok());
    QCOMPARE(info->playReadyVersion, QStringLiteral("4.3.0.0"));
    QCOMPARE(info->playReadyAlgorithm, QStringLiteral("AESCBC"));
    QCOMPARE(info->playReadyKids, QList<KeyId>{fixedKey().kid});
    QVERIFY(info->playReadyChecksum.isEmpty());
    QVERIFY(info->playReadyLaUrl.isEmpty());
}

void TestPssh::playReadyEscapesLaUrl()
{
    const QString url = QStringLiteral("https://pr.example/x?a=1&b=<2>");
    Result<QByteArray> box = makePlayReadyPssh(fixedKey(), {url, Scheme::Cenc});
    QVERIFY(box.ok());
    Result<PsshInfo> info = parsePssh(box.value());
    QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
    QCOMPARE(info->playReadyLaUrl, url);
    QVERIFY(info->playReadyHeaderXml.contains(QStringLiteral("a=1&amp;b=&lt;2&gt;")));

    Result<QByteArray> tooLong = makePlayReadyPssh(fixedKey(), {QString(40000, u'u'), Scheme::Cenc});
    QVERIFY(!tooLong.ok());
    QCOMPARE(tooLong.error().code, QStringLiteral("cenc.pssh_playready"));
}

void TestPssh::unknownSystemParses()
{
    const KeyId marlin = *keyIdFromString(u"5e629af5-38da-4063-8977-97ffbd9902d4");
    Result<PsshInfo> info = parsePssh(makePssh(marlin, {otherKid()}, "opaque"));
    QVERIFY(info.ok());
    QCOMPARE(info->system, DrmSystem::Other);
    QCOMPARE(info->data, QByteArray("opaque"));
    QCOMPARE(keyIdToUuid(info->systemId), QStringLiteral("5e629af5-38da-4063-8977-97ffbd9902d4"));
}

void TestPssh::malformedBoxes_data()
{
    QTest::addColumn<QByteArray>("box");
    QTest::addColumn<QString>("code");
    const QByteArray good = makeCommonPssh({fixedKey().kid});
    QTest::newRow("not a pssh") << Box::leaf(fourcc("free"), QByteArray(40, 0)).serialize()
                                << QStringLiteral("cenc.pssh_box");
    QByteArray wrongCount = good;
    wrongCount[31] = 5; // KID count 5 but only one KID
    QTest::newRow("kid count past end") << wrongCount << QStringLiteral("cenc.pssh_box");
    QByteArray wrongDataSize = good;
    wrongDataSize[good.size() - 1] = 9;
    QTest::newRow("data size mismatch") << wrongDataSize << QStringLiteral("cenc.pssh_box");
    QTest::newRow("truncated") << good.left(good.size() - 4) << QStringLiteral("cenc.bad_box");
    QByteArray v2 = good;
    v2[8] = 2;
    QTest::newRow("unknown version") << v2 << QStringLiteral("cenc.pssh_box");
    QTest::newRow("widevine truncated protobuf") << makePssh(systemid::kWidevine, {},
                                                             hex("1210"
                                                                 "0123"),
                                                             1)
                                                 << QStringLiteral("cenc.pssh_widevine");
    QTest::newRow("playready wrong length") << makePssh(systemid::kPlayReady, {},
                                                        hex("ff000000"
                                                            "0000"),
                                                        1)
                                            << QStringLiteral("cenc.pssh_playready");
    QTest::newRow("playready record past end") << makePssh(systemid::kPlayReady, {},
                                                           hex("0a000000"
                                                               "0100"
                                                               "0100"
                                                               "ff00"),
                                                           1)
                                               << QStringLiteral("cenc.pssh_playready");
    const QString xml = QStringLiteral("<WRMHEADER version=\"4.0.0.0\"><DATA><KID>AAAA</KID></DATA>");
    QByteArray rec;
    rec.append(char(1)).append(char(0)).append(char(xml.size() * 2 & 0xff)).append(char(xml.size() * 2 >> 8));
    for (QChar c : xml)
        rec.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
    QByteArray pro;
    const int total = 6 + rec.size();
    pro.append(char(total & 0xff)).append(char(total >> 8)).append('\0').append('\0').append(char(1)).append('\0');
    pro += rec;
    QTest::newRow("playready bad kid") << makePssh(systemid::kPlayReady, {}, pro, 1)
                                       << QStringLiteral("cenc.pssh_playready");
}

void TestPssh::malformedBoxes()
{
    QFETCH(QByteArray, box);
    QFETCH(QString, code);
    Result<PsshInfo> info = parsePssh(box);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, code);
    QVERIFY(!info.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(TestPssh)
#include "tst_pssh.moc"
