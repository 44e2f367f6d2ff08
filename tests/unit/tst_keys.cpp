// Content keys (core/media/cenc/Keys.h): RAND_bytes generation, "KID:KEY" key files and CPIX 2.x
// documents — good inputs, and bad ones whose errors name the line / KID and what is wrong, and
// never contain key material (raw hex, any 8-digit run of it, or its base64).

#include "core/media/cenc/Keys.h"

#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace rendition;
using namespace rendition::cenc;

namespace {

const char *const kKid1 = "0123456789abcdef0123456789abcdef";
const char *const kKey1 = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
const char *const kKid2 = "fedcba9876543210fedcba9876543210";
const char *const kKey2 = "00112233445566778899aabbccddeeff";
const char *const kKey1B64 = "oKGio6SlpqeoqaqrrK2urw=="; // base64 of kKey1
const char *const kKey2B64 = "ABEiM0RVZneImaq7zN3u/w=="; // base64 of kKey2

QString keyHex(const ContentKey &k)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(k.key.data()), 16).toHex());
}

// True when the error text holds any secret: whole key hex / base64, or any 8-char slice of them.
bool leaks(const Error &e, const QStringList &secrets)
{
    const QString text = e.code + u' ' + e.message + u' ' + e.context;
    for (const QString &s : secrets)
        for (int i = 0; i + 8 <= s.size(); ++i)
            if (text.contains(s.mid(i, 8), Qt::CaseInsensitive)) return true;
    return false;
}

const QStringList kSecrets{QString::fromLatin1(kKey1), QString::fromLatin1(kKey2), QString::fromLatin1(kKey1B64),
                           QString::fromLatin1(kKey2B64)};

QByteArray cpix(const QByteArray &keys)
{
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<cpix:CPIX xmlns:cpix="urn:dashif:org:cpix" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc"
           xmlns:enc="http://www.w3.org/2001/04/xmlenc#" contentId="asset-1" version="2.3">
  <cpix:DeliveryDataList/>
  <cpix:ContentKeyList>
)" + keys + R"(
  </cpix:ContentKeyList>
  <cpix:DRMSystemList>
    <cpix:DRMSystem kid="01234567-89ab-cdef-0123-456789abcdef" systemId="edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"/>
  </cpix:DRMSystemList>
</cpix:CPIX>
)";
}

QByteArray cpixKey(const char *kid, const char *b64)
{
    return QByteArray("    <cpix:ContentKey kid=\"") + kid +
           "\" commonEncryptionScheme=\"cenc\">\n"
           "      <cpix:Data><pskc:Secret><pskc:PlainValue>" +
           b64 +
           "</pskc:PlainValue></pskc:Secret></cpix:Data>\n"
           "    </cpix:ContentKey>\n";
}

} // namespace

class TestKeys : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void generatedKeysAreRandomUuids();
    void keyIdSpellings();

    void keyFileGood();
    void keyFileBad_data();
    void keyFileBad();
    void keyFileFromDisk();

    void cpixGood();
    void cpixBad_data();
    void cpixBad();
    void cpixFromDisk();
};

void TestKeys::generatedKeysAreRandomUuids()
{
    QSet<QString> kids, keys;
    for (int i = 0; i < 64; ++i) {
        Result<ContentKey> k = generateContentKey();
        QVERIFY(k.ok());
        kids.insert(keyIdToHex(k->kid));
        keys.insert(keyHex(k.value()));
        QCOMPARE(k->kid[6] >> 4, 4);      // UUID version 4
        QCOMPARE(k->kid[8] & 0xc0, 0x80); // RFC 4122 variant
        QVERIFY(keyHex(k.value()) != QString(32, u'0'));
    }
    QCOMPARE(kids.size(), 64);
    QCOMPARE(keys.size(), 64);
}

void TestKeys::keyIdSpellings()
{
    const std::optional<KeyId> a = keyIdFromString(u"0123456789ABCDEF0123456789abcdef");
    const std::optional<KeyId> b = keyIdFromString(u" 01234567-89ab-cdef-0123-456789abcdef ");
    QVERIFY(a && b);
    QCOMPARE(*a, *b);
    QCOMPARE(keyIdToHex(*a), QString::fromLatin1(kKid1));
    QCOMPARE(keyIdToUuid(*a), QStringLiteral("01234567-89ab-cdef-0123-456789abcdef"));
    QVERIFY(!keyIdFromString(u"0123456789abcdef0123456789abcde"));   // 31 digits
    QVERIFY(!keyIdFromString(u"0123456789abcdef0123456789abcdeg"));  // not hex
    QVERIFY(!keyIdFromString(u"0123456789-abcdef0123456789abcdef")); // dash in the wrong place
    QVERIFY(!keyIdFromString(u"٠١٢٣٤٥٦٧٨٩abcdef0123456789abcdef"));  // non-ASCII digits
}

void TestKeys::keyFileGood()
{
    const QByteArray text = QByteArray("# keys for asset 1\r\n\r\n") + kKid1 + ":" + kKey1 + "   # video\r\n" +
                            "  01234567-89ab-cdef-0123-456789abcdee : " + QByteArray(kKey2).toUpper() + "\n" +
                            "\n# trailing comment\n";
    Result<QList<ContentKey>> keys = parseKeyFile(text, QStringLiteral("keys.txt"));
    QVERIFY2(keys.ok(), keys.ok() ? "" : qPrintable(keys.error().toString()));
    QCOMPARE(keys->size(), 2);
    QCOMPARE(keyIdToHex(keys->at(0).kid), QString::fromLatin1(kKid1));
    QCOMPARE(keyHex(keys->at(0)), QString::fromLatin1(kKey1));
    QCOMPARE(keyIdToHex(keys->at(1).kid), QStringLiteral("0123456789abcdef0123456789abcdee"));
    QCOMPARE(keyHex(keys->at(1)), QString::fromLatin1(kKey2));
}

void TestKeys::keyFileBad_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("context"); // must appear in the error context
    QTest::addColumn<QString>("says");    // must appear in the message

    const QByteArray good = QByteArray(kKid1) + ":" + kKey1 + "\n";
    QTest::newRow("bad hex in key") << good + kKid2 + ":" + QByteArray(kKey2).replace('c', 'x') + "\n"
                                    << "cenc.keyfile_syntax"
                                    << "keys.txt, line 2"
                                    << "not a hex digit at position 25";
    QTest::newRow("short key") << good + "\n" + kKid2 + ":" + QByteArray(kKey2).left(30) + "\n"
                               << "cenc.keyfile_syntax"
                               << "line 3"
                               << "has 30 hex digits; it needs 32";
    QTest::newRow("long key") << QByteArray(kKid2) + ":" + kKey2 + "00\n"
                              << "cenc.keyfile_syntax"
                              << "line 1"
                              << "has 34 hex digits";
    QTest::newRow("short kid") << QByteArray(kKid2).left(31) + ":" + kKey2 + "\n"
                               << "cenc.keyfile_syntax"
                               << "line 1"
                               << "KID has 31 hex digits";
    QTest::newRow("bad hex in kid") << QByteArray(kKid2).replace('f', 'z') + ":" + kKey2 << "cenc.keyfile_syntax"
                                    << "line 1"
                                    << "KID has a character that is not a hex digit";
    QTest::newRow("missing key") << good + kKid2 + ":\n"
                                 << "cenc.keyfile_syntax"
                                 << "line 2"
                                 << "key is empty";
    QTest::newRow("missing colon") << QByteArray(kKid2) + kKey2 + "\n"
                                   << "cenc.keyfile_syntax"
                                   << "line 1"
                                   << "Expected KID:KEY";
    QTest::newRow("two colons") << QByteArray(kKid2) + ":" + kKey2 + ":" + kKey1 + "\n"
                                << "cenc.keyfile_syntax"
                                << "line 1"
                                << "Expected KID:KEY";
    QTest::newRow("duplicate kid") << good + "# again\n" + kKid1 + ":" + kKey2 + "\n"
                                   << "cenc.keyfile_duplicate_kid"
                                   << "line 3"
                                   << "listed twice (first on line 1)";
    QTest::newRow("duplicate kid, dashed") << good + "01234567-89ab-cdef-0123-456789abcdef:" + kKey1 + "\n"
                                           << "cenc.keyfile_duplicate_kid"
                                           << "line 2"
                                           << "listed twice";
    QTest::newRow("only comments") << QByteArray("# nothing here\n\n   # still nothing\n") << "cenc.keyfile_empty"
                                   << "keys.txt"
                                   << "No KID:KEY line";
    QTest::newRow("empty") << QByteArray() << "cenc.keyfile_empty"
                           << "keys.txt"
                           << "No KID:KEY line";
}

void TestKeys::keyFileBad()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, code);
    QFETCH(QString, context);
    QFETCH(QString, says);
    Result<QList<ContentKey>> keys = parseKeyFile(text, QStringLiteral("keys.txt"));
    QVERIFY(!keys.ok());
    QCOMPARE(keys.error().code, code);
    QVERIFY2(keys.error().context.contains(context), qPrintable(keys.error().toString()));
    QVERIFY2(keys.error().message.contains(says), qPrintable(keys.error().toString()));
    QVERIFY2(!leaks(keys.error(), kSecrets), qPrintable(keys.error().toString()));
}

void TestKeys::keyFileFromDisk()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(kKid1) + ":" + kKey1 + "\n" + kKid2 + ":" + QByteArray(kKey2).left(31) + "\n");
    f.close();
    Result<QList<ContentKey>> keys = readKeyFile(path);
    QVERIFY(!keys.ok());
    QCOMPARE(keys.error().context, path + QStringLiteral(", line 2"));
    QVERIFY(!leaks(keys.error(), kSecrets));

    Result<QList<ContentKey>> missing = readKeyFile(dir.filePath(QStringLiteral("nope.txt")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("cenc.keyfile_read"));
}

void TestKeys::cpixGood()
{
    const QByteArray doc = cpix(cpixKey("01234567-89ab-cdef-0123-456789abcdef", kKey1B64) +
                                cpixKey("FEDCBA98-7654-3210-FEDC-BA9876543210", kKey2B64));
    Result<QList<ContentKey>> keys = parseCpix(doc);
    QVERIFY2(keys.ok(), keys.ok() ? "" : qPrintable(keys.error().toString()));
    QCOMPARE(keys->size(), 2);
    QCOMPARE(keyIdToHex(keys->at(0).kid), QString::fromLatin1(kKid1));
    QCOMPARE(keyHex(keys->at(0)), QString::fromLatin1(kKey1));
    QCOMPARE(keyIdToHex(keys->at(1).kid), QString::fromLatin1(kKid2));
    QCOMPARE(keyHex(keys->at(1)), QString::fromLatin1(kKey2));

    // Other prefixes for the same namespaces are fine; whitespace around the base64 too.
    const QByteArray other = R"(<c:CPIX xmlns:c="urn:dashif:org:cpix" xmlns:p="urn:ietf:params:xml:ns:keyprov:pskc">
      <c:ContentKeyList><c:ContentKey kid="0123456789abcdef0123456789abcdef"><c:Data><p:Secret><p:PlainValue>
        oKGio6SlpqeoqaqrrK2urw==
      </p:PlainValue></p:Secret></c:Data></c:ContentKey></c:ContentKeyList></c:CPIX>)";
    Result<QList<ContentKey>> k2 = parseCpix(other);
    QVERIFY2(k2.ok(), k2.ok() ? "" : qPrintable(k2.error().toString()));
    QCOMPARE(keyHex(k2->at(0)), QString::fromLatin1(kKey1));
}

void TestKeys::cpixBad_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("says");

    const QByteArray key1 = cpixKey("01234567-89ab-cdef-0123-456789abcdef", kKey1B64);
    QTest::newRow("malformed xml") << cpix(key1).replace("</cpix:ContentKeyList>", "</cpix:ContentKeyLst>")
                                   << "cenc.cpix_xml"
                                   << "malformed";
    QTest::newRow("cut short") << cpix(key1).left(420) << "cenc.cpix_xml"
                               << "malformed";
    QTest::newRow("not xml") << QByteArray(kKid1) + ":" + kKey1 << "cenc.cpix_xml"
                             << "malformed";
    QTest::newRow("empty") << QByteArray() << "cenc.cpix_xml"
                           << "empty";
    QTest::newRow("wrong root") << QByteArray("<CPIX><ContentKeyList/></CPIX>") << "cenc.cpix_not_cpix"
                                << "not cpix:CPIX";
    QTest::newRow("no keys") << cpix("") << "cenc.cpix_empty"
                             << "no keys";
    QTest::newRow("missing kid") << cpix(QByteArray(key1).replace("kid=\"01234567-89ab-cdef-0123-456789abcdef\"", ""))
                                 << "cenc.cpix_kid"
                                 << "no kid attribute";
    QTest::newRow("bad kid") << cpix(QByteArray(key1).replace("01234567-89ab", "01234567-89ag")) << "cenc.cpix_kid"
                             << "not a UUID";
    QTest::newRow("missing key") << cpix(QByteArray(key1).replace(
                                        QByteArray("<pskc:PlainValue>") + kKey1B64 + "</pskc:PlainValue>", ""))
                                 << "cenc.cpix_missing_key"
                                 << "01234567-89ab-cdef-0123-456789abcdef has no";
    QTest::newRow("no data element") << cpix("<cpix:ContentKey kid=\"01234567-89ab-cdef-0123-456789abcdef\"/>")
                                     << "cenc.cpix_missing_key"
                                     << "key value is missing";
    QTest::newRow("encrypted key") << cpix(QByteArray(key1).replace(
                                          QByteArray("<pskc:PlainValue>") + kKey1B64 + "</pskc:PlainValue>",
                                          "<pskc:EncryptedValue><enc:CipherData><enc:CipherValue>AAAA</enc:CipherValue>"
                                          "</enc:CipherData></pskc:EncryptedValue>"))
                                   << "cenc.cpix_encrypted_key"
                                   << "plain keys";
    QTest::newRow("key too short") << cpix(cpixKey("01234567-89ab-cdef-0123-456789abcdef", "oKGio6SlpqeoqaqrrK2u"))
                                   << "cenc.cpix_key_length"
                                   << "15-byte key";
    QTest::newRow("key not base64") << cpix(cpixKey("01234567-89ab-cdef-0123-456789abcdef", "oKGio6Sl*qeoqaqrrK2urw=="))
                                    << "cenc.cpix_key_length"
                                    << "not valid base64";
    QTest::newRow("duplicate kid") << cpix(key1 + cpixKey("01234567-89AB-CDEF-0123-456789ABCDEF", kKey2B64))
                                   << "cenc.cpix_duplicate_kid"
                                   << "appears twice (first on line";
    // A malformed document right next to a key: the XML error must not echo it.
    QTest::newRow("malformed next to key")
        << cpix(QByteArray(key1).replace("</pskc:PlainValue>", "</pskc:PlainValue")) << "cenc.cpix_xml"
        << "malformed";
}

void TestKeys::cpixBad()
{
    QFETCH(QByteArray, doc);
    QFETCH(QString, code);
    QFETCH(QString, says);
    Result<QList<ContentKey>> keys = parseCpix(doc, QStringLiteral("keys.cpix"));
    QVERIFY(!keys.ok());
    QCOMPARE(keys.error().code, code);
    QVERIFY2(keys.error().message.contains(says), qPrintable(keys.error().toString()));
    QVERIFY2(keys.error().context.startsWith(QStringLiteral("keys.cpix")), qPrintable(keys.error().toString()));
    QVERIFY2(!leaks(keys.error(), kSecrets), qPrintable(keys.error().toString()));
}

void TestKeys::cpixFromDisk()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("keys.cpix"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(cpix(cpixKey("01234567-89ab-cdef-0123-456789abcdef", kKey1B64)));
    f.close();
    Result<QList<ContentKey>> keys = readCpixFile(path);
    QVERIFY(keys.ok());
    QCOMPARE(keys->size(), 1);
    Result<QList<ContentKey>> missing = readCpixFile(dir.filePath(QStringLiteral("missing.cpix")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("cenc.cpix_read"));
}

QTEST_GUILESS_MAIN(TestKeys)
#include "tst_keys.moc"
