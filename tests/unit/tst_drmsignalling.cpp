// DRM signalling text (core/pipeline/DrmSignalling.h): DASH ContentProtection elements inside a
// real MPD skeleton read back with a namespace-aware QXmlStreamReader, HLS EXT-X-KEY lines parsed
// as attribute lists, every PSSH / PlayReady Object decoded and parsed back with cenc::parsePssh,
// KIDs in UUID / hex form, and no key bytes in any spelling anywhere in the output.

#include "core/media/cenc/Pssh.h"
#include "core/pipeline/DrmSignalling.h"

#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QtTest>

using namespace rendition;
using namespace rendition::cenc;

namespace {

constexpr auto kCencNs = "urn:mpeg:cenc:2013";
constexpr auto kMsprNs = "urn:microsoft:playready";
constexpr auto kMpdNs = "urn:mpeg:dash:schema:mpd:2011";

ContentKey fixedKey()
{
    ContentKey k;
    k.kid = *keyIdFromString(u"6e5a1d26-2757-47d7-8046-eaa5d1d34b5a");
    for (int i = 0; i < 16; ++i)
        k.key[size_t(i)] = quint8(0x3c + 7 * i);
    return k;
}

struct Systems {
    bool widevine = false;
    bool playReady = false;
    bool pro = true;
};

CencSignalling signallingFor(const ContentKey &key, Systems systems)
{
    CencSignalling s;
    s.defaultKid = key.kid;
    if (systems.widevine)
        s.widevinePssh = makeWidevinePssh({key.kid}, {QStringLiteral("widevine_test"), QByteArray("movie-1"), Scheme::Cenc});
    if (systems.playReady)
        s.playReadyPssh = makePlayReadyPssh(key, {QStringLiteral("https://pr.example.com/rightsmanager.asmx?a=1&b=2"), Scheme::Cenc}).value();
    s.playReadyPro = systems.pro;
    return s;
}

QString mpdAround(const CencSignalling &s, const QString &elements)
{
    return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MPD xmlns=\"%1\"%2 type=\"static\">\n"
                          "  <Period id=\"0\">\n    <AdaptationSet id=\"0\" contentType=\"video\">\n%3"
                          "    </AdaptationSet>\n  </Period>\n</MPD>\n")
        .arg(QLatin1String(kMpdNs), mpdNamespaceAttributes(s), elements);
}

struct Protection {
    QString schemeIdUri;
    QString value;
    QString defaultKid; // cenc:default_KID
    QByteArray pssh;    // decoded cenc:pssh
    QByteArray pro;     // decoded mspr:pro
    bool hasPssh = false;
    bool hasPro = false;
};

// Reads every ContentProtection of the document; `error` gets the reader's error, if any.
QList<Protection> readProtections(const QString &xml, QString *error)
{
    QList<Protection> out;
    QXmlStreamReader r(xml);
    r.setNamespaceProcessing(true);
    QString current;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement()) {
            current = r.namespaceUri().toString() + QLatin1Char('|') + r.name().toString();
            if (r.name() == u"ContentProtection" && r.namespaceUri() == QLatin1String(kMpdNs)) {
                Protection p;
                p.schemeIdUri = r.attributes().value(QStringLiteral("schemeIdUri")).toString();
                p.value = r.attributes().value(QStringLiteral("value")).toString();
                p.defaultKid = r.attributes().value(QLatin1String(kCencNs), QStringLiteral("default_KID")).toString();
                out.append(p);
            }
        } else if (r.isCharacters() && !r.isWhitespace() && !out.isEmpty()) {
            const QByteArray bytes = QByteArray::fromBase64(r.text().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (current == QLatin1String(kCencNs) + QStringLiteral("|pssh")) {
                out.last().pssh = bytes;
                out.last().hasPssh = true;
            } else if (current == QLatin1String(kMsprNs) + QStringLiteral("|pro")) {
                out.last().pro = bytes;
                out.last().hasPro = true;
            }
        }
    }
    *error = r.hasError() ? r.errorString() : QString();
    return out;
}

// "#EXT-X-KEY:A=B,C="d,e"" → {A: B, C: d,e}; false when the list is malformed.
bool parseAttributes(const QString &line, QMap<QString, QString> &attrs)
{
    const QString prefix = QStringLiteral("#EXT-X-KEY:");
    if (!line.startsWith(prefix)) return false;
    static const QRegularExpression re(QStringLiteral(R"(\G([A-Z0-9-]+)=("[^"\r\n]*"|[^",\s]+)(,|$))"));
    qsizetype pos = prefix.size();
    while (pos < line.size()) {
        const QRegularExpressionMatch m = re.match(line, pos);
        if (!m.hasMatch() || attrs.contains(m.captured(1))) return false;
        QString value = m.captured(2);
        if (value.startsWith(QLatin1Char('"'))) value = value.mid(1, value.size() - 2);
        attrs.insert(m.captured(1), value);
        pos = m.capturedEnd();
    }
    return !attrs.isEmpty();
}

QByteArray dataUriBytes(const QString &uri, const QString &expectedPrefix)
{
    if (!uri.startsWith(expectedPrefix)) return {};
    return QByteArray::fromBase64(uri.mid(expectedPrefix.size()).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
}

// The key in every spelling a leak could take: raw, hex (both cases), base64, base64url, UUID form.
void verifyNoKey(const QByteArray &haystack, const ContentKey &key)
{
    const QByteArray raw(reinterpret_cast<const char *>(key.key.data()), 16);
    const QList<QByteArray> spellings{raw,
                                      raw.toHex(),
                                      raw.toHex().toUpper(),
                                      raw.toBase64(),
                                      raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
                                      keyIdToUuid(keyIdFromBytes(raw)).toLatin1()};
    for (const QByteArray &s : spellings)
        QVERIFY2(!haystack.contains(s), "key material found in the output");
}

const QRegularExpression kUuidRe(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));

} // namespace

Q_DECLARE_METATYPE(Systems)

class TestDrmSignalling : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mpdIsWellFormed_data();
    void mpdIsWellFormed();
    void mpdExactForClearKeyOnly();
    void mpdNeedsTheNamespaces();
    void hlsKeyLines_data();
    void hlsKeyLines();
    void hlsKeyLinesExact();
    void hlsAes128Line();
    void expandKeyUri_data();
    void expandKeyUri();
    void noKeyBytesAnywhere();
    void checkSignallingAcceptsOwnBoxes();
    void checkSignallingRejects_data();
    void checkSignallingRejects();
    void malformedPlayReadyBoxIsLeftOut();
};

void TestDrmSignalling::mpdIsWellFormed_data()
{
    QTest::addColumn<Systems>("systems");
    QTest::newRow("clearkey") << Systems{};
    QTest::newRow("clearkey+widevine") << Systems{true, false};
    QTest::newRow("clearkey+playready") << Systems{false, true};
    QTest::newRow("all three") << Systems{true, true};
    QTest::newRow("all three, no mspr:pro") << Systems{true, true, false};
}

void TestDrmSignalling::mpdIsWellFormed()
{
    QFETCH(Systems, systems);
    const ContentKey key = fixedKey();
    const CencSignalling s = signallingFor(key, systems);
    const QString elements = mpdContentProtection(s);
    QString error;
    const QList<Protection> found = readProtections(mpdAround(s, elements), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error + QLatin1Char('\n') + elements));
    QCOMPARE(found.size(), 2 + int(systems.widevine) + int(systems.playReady));

    // 1: mp4protection with the default KID in UUID form.
    QCOMPARE(found.at(0).schemeIdUri, QStringLiteral("urn:mpeg:dash:mp4protection:2011"));
    QCOMPARE(found.at(0).value, QStringLiteral("cenc"));
    QCOMPARE(found.at(0).defaultKid, QStringLiteral("6e5a1d26-2757-47d7-8046-eaa5d1d34b5a"));
    QVERIFY(kUuidRe.match(found.at(0).defaultKid).hasMatch());
    // 2: W3C ClearKey, no PSSH (players build the request from default_KID).
    QCOMPARE(found.at(1).schemeIdUri, QStringLiteral("urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e"));
    QCOMPARE(found.at(1).value, QStringLiteral("ClearKey1.0"));
    QVERIFY(!found.at(1).hasPssh);

    int next = 2;
    if (systems.widevine) {
        const Protection &wv = found.at(next++);
        QCOMPARE(wv.schemeIdUri, QStringLiteral("urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"));
        QVERIFY(wv.hasPssh && !wv.hasPro);
        QCOMPARE(wv.pssh, s.widevinePssh);
        const Result<PsshInfo> info = parsePssh(wv.pssh);
        QVERIFY(info.ok());
        QCOMPARE(info->system, DrmSystem::Widevine);
        QCOMPARE(info->kids, QList<KeyId>{key.kid});
        QCOMPARE(info->widevineKeyIds, QList<KeyId>{key.kid});
        QCOMPARE(info->widevineProvider, QStringLiteral("widevine_test"));
        QCOMPARE(info->widevineContentId, QByteArray("movie-1"));
    }
    if (systems.playReady) {
        const Protection &pr = found.at(next++);
        QCOMPARE(pr.schemeIdUri, QStringLiteral("urn:uuid:9a04f079-9840-4286-ab92-e65be0885f95"));
        QVERIFY(pr.hasPssh);
        const Result<PsshInfo> info = parsePssh(pr.pssh);
        QVERIFY(info.ok());
        QCOMPARE(info->system, DrmSystem::PlayReady);
        QCOMPARE(info->playReadyKids, QList<KeyId>{key.kid});
        QCOMPARE(info->playReadyLaUrl, QStringLiteral("https://pr.example.com/rightsmanager.asmx?a=1&b=2"));
        QCOMPARE(info->playReadyAlgorithm, QStringLiteral("AESCTR"));
        QCOMPARE(pr.hasPro, systems.pro);
        if (systems.pro) QCOMPARE(pr.pro, info->data); // mspr:pro = the box's PlayReady Object
    }
    QCOMPARE(elements.contains(QLatin1String("mspr:")), systems.playReady && systems.pro);
    QCOMPARE(mpdNamespaceAttributes(s).contains(QLatin1String("xmlns:mspr=\"urn:microsoft:playready\"")),
             systems.playReady);
    QVERIFY(mpdNamespaceAttributes(s).startsWith(QLatin1String(" xmlns:cenc=\"urn:mpeg:cenc:2013\"")));
    // One element per line with the default indent (children two more), newline-terminated.
    static const QRegularExpression lineRe(QStringLiteral("^ {6}(  )?<[^\\n]+>$"));
    QVERIFY(elements.endsWith(QLatin1Char('\n')));
    for (const QString &line : elements.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        QVERIFY2(lineRe.match(line).hasMatch(), qPrintable(line));
}

void TestDrmSignalling::mpdExactForClearKeyOnly()
{
    const CencSignalling s = signallingFor(fixedKey(), {});
    QCOMPARE(mpdContentProtection(s, QStringLiteral("  ")),
             QStringLiteral("  <ContentProtection schemeIdUri=\"urn:mpeg:dash:mp4protection:2011\" value=\"cenc\" "
                            "cenc:default_KID=\"6e5a1d26-2757-47d7-8046-eaa5d1d34b5a\"/>\n"
                            "  <ContentProtection schemeIdUri=\"urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e\" "
                            "value=\"ClearKey1.0\"/>\n"));
    QCOMPARE(mpdNamespaceAttributes(s), QStringLiteral(" xmlns:cenc=\"urn:mpeg:cenc:2013\""));
}

void TestDrmSignalling::mpdNeedsTheNamespaces()
{
    // Without the root attributes the prefixes are unbound: the document is not namespace-well-formed.
    const CencSignalling s = signallingFor(fixedKey(), {true, true});
    QString xml = mpdAround(s, mpdContentProtection(s));
    xml.remove(mpdNamespaceAttributes(s));
    QString error;
    readProtections(xml, &error);
    QVERIFY(!error.isEmpty());
}

void TestDrmSignalling::hlsKeyLines_data()
{
    mpdIsWellFormed_data();
}

void TestDrmSignalling::hlsKeyLines()
{
    QFETCH(Systems, systems);
    const ContentKey key = fixedKey();
    const CencSignalling s = signallingFor(key, systems);
    const QStringList lines = hlsSampleAesCtrKeyLines(s, QStringLiteral("https://keys.example.com/k/{kid}?v=1"));
    QCOMPARE(lines.size(), 2 + int(systems.widevine) + int(systems.playReady));

    QMap<QString, QMap<QString, QString>> byFormat;
    for (const QString &line : lines) {
        QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
        QMap<QString, QString> attrs;
        QVERIFY2(parseAttributes(line, attrs), qPrintable(line));
        QCOMPARE(attrs.value(QStringLiteral("METHOD")), QStringLiteral("SAMPLE-AES-CTR"));
        QCOMPARE(attrs.value(QStringLiteral("KEYFORMATVERSIONS")), QStringLiteral("1"));
        QVERIFY(!attrs.contains(QStringLiteral("IV"))); // CENC IVs are per sample, in senc
        QVERIFY(!byFormat.contains(attrs.value(QStringLiteral("KEYFORMAT"))));
        byFormat.insert(attrs.value(QStringLiteral("KEYFORMAT")), attrs);
    }

    // hls.js: the data: URI is the KID itself (16 bytes).
    const QByteArray kid = dataUriBytes(byFormat.value(QStringLiteral("org.w3.clearkey")).value(QStringLiteral("URI")),
                                        QStringLiteral("data:text/plain;base64,"));
    QCOMPARE(kid, keyIdBytes(key.kid));
    // shaka: identity with the key server URI for this KID.
    QCOMPARE(byFormat.value(QStringLiteral("identity")).value(QStringLiteral("URI")),
             QStringLiteral("https://keys.example.com/k/6e5a1d26275747d78046eaa5d1d34b5a?v=1"));

    const auto widevine = QStringLiteral("urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed");
    QCOMPARE(byFormat.contains(widevine), systems.widevine);
    if (systems.widevine) {
        const QByteArray box = dataUriBytes(byFormat.value(widevine).value(QStringLiteral("URI")),
                                            QStringLiteral("data:text/plain;base64,"));
        QCOMPARE(box, s.widevinePssh);
        const Result<PsshInfo> info = parsePssh(box);
        QVERIFY(info.ok());
        QCOMPARE(info->system, DrmSystem::Widevine);
        QCOMPARE(info->kids, QList<KeyId>{key.kid});
        QCOMPARE(byFormat.value(widevine).value(QStringLiteral("KEYID")),
                 QStringLiteral("0x6e5a1d26275747d78046eaa5d1d34b5a"));
    }
    const auto playReady = QStringLiteral("com.microsoft.playready");
    QCOMPARE(byFormat.contains(playReady), systems.playReady);
    if (systems.playReady) {
        // Both players want the PlayReady Object (they wrap it into a pssh themselves).
        const QByteArray pro = dataUriBytes(byFormat.value(playReady).value(QStringLiteral("URI")),
                                            QStringLiteral("data:text/plain;charset=UTF-16;base64,"));
        const Result<PsshInfo> info = parsePssh(s.playReadyPssh);
        QVERIFY(info.ok());
        QVERIFY(!pro.isEmpty());
        QCOMPARE(pro, info->data);
        const Result<PsshInfo> rewrapped = parsePssh(makePssh(systemid::kPlayReady, {}, pro, 0));
        QVERIFY(rewrapped.ok());
        QCOMPARE(rewrapped->playReadyKids, QList<KeyId>{key.kid});
    }
}

void TestDrmSignalling::hlsKeyLinesExact()
{
    // The two ClearKey lines, byte for byte (what hls.js 1.7.4 and shaka 5.2.12 accept).
    const QStringList lines = hlsSampleAesCtrKeyLines(signallingFor(fixedKey(), {}), QStringLiteral("/keys/{kid}"));
    QCOMPARE(lines,
             (QStringList{QStringLiteral("#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,KEYFORMAT=\"org.w3.clearkey\",KEYFORMATVERSIONS=\"1\","
                                         "URI=\"data:text/plain;base64,blodJidXR9eARuql0dNLWg==\""),
                          QStringLiteral("#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,KEYFORMAT=\"identity\",KEYFORMATVERSIONS=\"1\","
                                         "URI=\"/keys/6e5a1d26275747d78046eaa5d1d34b5a\"")}));
}

void TestDrmSignalling::hlsAes128Line()
{
    QCOMPARE(hlsAes128KeyLine(QStringLiteral("/keys/abc")), QStringLiteral("#EXT-X-KEY:METHOD=AES-128,URI=\"/keys/abc\""));
    AesIv iv{};
    for (int i = 0; i < 16; ++i)
        iv[size_t(i)] = quint8(i * 17);
    QCOMPARE(hlsAes128KeyLine(QStringLiteral("key.bin"), iv),
             QStringLiteral("#EXT-X-KEY:METHOD=AES-128,URI=\"key.bin\",IV=0x00112233445566778899aabbccddeeff"));
    QMap<QString, QString> attrs;
    QVERIFY(parseAttributes(hlsAes128KeyLine(QStringLiteral("https://k.example/x?a=1,2"), iv), attrs));
    QCOMPARE(attrs.value(QStringLiteral("URI")), QStringLiteral("https://k.example/x?a=1,2"));
    QCOMPARE(attrs.value(QStringLiteral("IV")).size(), 34);
}

void TestDrmSignalling::expandKeyUri_data()
{
    QTest::addColumn<QString>("uriTemplate");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default") << "/keys/{kid}" << "/keys/6e5a1d26275747d78046eaa5d1d34b5a";
    QTest::newRow("twice") << "{kid}/{kid}.key" << "6e5a1d26275747d78046eaa5d1d34b5a/6e5a1d26275747d78046eaa5d1d34b5a.key";
    QTest::newRow("absolute") << "https://k.example/{kid}?t=1" << "https://k.example/6e5a1d26275747d78046eaa5d1d34b5a?t=1";
    QTest::newRow("no token") << "/static.key" << "/static.key";
}

void TestDrmSignalling::expandKeyUri()
{
    QFETCH(QString, uriTemplate);
    QFETCH(QString, expected);
    QCOMPARE(rendition::expandKeyUri(uriTemplate, fixedKey().kid), expected);
}

void TestDrmSignalling::noKeyBytesAnywhere()
{
    const ContentKey key = fixedKey();
    const CencSignalling s = signallingFor(key, {true, true});
    const QString mpd = mpdAround(s, mpdContentProtection(s));
    const QStringList lines = hlsSampleAesCtrKeyLines(s, QStringLiteral("/keys/{kid}"));
    QByteArray all = mpd.toUtf8() + lines.join(QLatin1Char('\n')).toUtf8();
    // ...and inside every base64 blob too (PSSH boxes, PRO, data: URIs).
    static const QRegularExpression blob(QStringLiteral("[A-Za-z0-9+/]{16,}={0,2}"));
    for (auto it = blob.globalMatch(QString::fromUtf8(all)); it.hasNext();)
        all += QByteArray::fromBase64(it.next().captured().toLatin1());
    verifyNoKey(all, key);
    QVERIFY(all.contains(keyIdToHex(key.kid).toLatin1())); // the KID (public) is there
}

void TestDrmSignalling::checkSignallingAcceptsOwnBoxes()
{
    QVERIFY(checkSignalling(signallingFor(fixedKey(), {})).ok());
    QVERIFY(checkSignalling(signallingFor(fixedKey(), {true, true})).ok());
}

void TestDrmSignalling::checkSignallingRejects_data()
{
    QTest::addColumn<int>("mutation");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("message");
    QTest::newRow("widevine box is playready") << 0 << "widevine" << "another DRM system";
    QTest::newRow("playready box is widevine") << 1 << "playready" << "another DRM system";
    QTest::newRow("widevine garbage") << 2 << "widevine" << "does not parse";
    QTest::newRow("playready cut short") << 3 << "playready" << "does not parse";
    QTest::newRow("widevine other kid") << 4 << "widevine" << "does not carry the default KID 6e5a1d26-2757-47d7-8046-eaa5d1d34b5a";
    QTest::newRow("playready other kid") << 5 << "playready" << "does not carry the default KID";
}

void TestDrmSignalling::checkSignallingRejects()
{
    QFETCH(int, mutation);
    QFETCH(QString, context);
    QFETCH(QString, message);
    const ContentKey key = fixedKey();
    CencSignalling s = signallingFor(key, {true, true});
    ContentKey other = key;
    other.kid = *keyIdFromString(u"00112233445566778899aabbccddeeff");
    switch (mutation) {
    case 0: s.widevinePssh = s.playReadyPssh; break;
    case 1: s.playReadyPssh = s.widevinePssh; break;
    case 2: s.widevinePssh = QByteArray("not a box at all"); break;
    case 3: s.playReadyPssh.chop(10); break;
    case 4: s.widevinePssh = makeWidevinePssh({other.kid}); break;
    case 5: s.playReadyPssh = makePlayReadyPssh(other).value(); break;
    }
    const Status st = checkSignalling(s);
    QVERIFY(!st.ok());
    QCOMPARE(st.error().code, QStringLiteral("drm.signalling"));
    QCOMPARE(st.error().context, context);
    QVERIFY2(st.error().message.contains(message), qPrintable(st.error().message));
    verifyNoKey(st.error().toString().toUtf8(), key);
}

void TestDrmSignalling::malformedPlayReadyBoxIsLeftOut()
{
    // The builders do not check (checkSignalling does): a PlayReady box that does not parse gives
    // no PRO, so neither <mspr:pro> nor the HLS PlayReady line, rather than a wrong one.
    CencSignalling s = signallingFor(fixedKey(), {false, true});
    s.playReadyPssh.chop(10);
    QVERIFY(!mpdContentProtection(s).contains(QLatin1String("mspr:pro")));
    const QStringList lines = hlsSampleAesCtrKeyLines(s, QStringLiteral("/keys/{kid}"));
    QCOMPARE(lines.size(), 2);
    QVERIFY(!lines.join(QString()).contains(QLatin1String("playready")));
}

QTEST_GUILESS_MAIN(TestDrmSignalling)
#include "tst_drmsignalling.moc"
