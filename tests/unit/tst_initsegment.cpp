// finishInitSegment (core/media/InitSegment): the CMAF header touches of issue #17 on headers
// built box by box — brands, movie timescale = media timescale with durations rescaled, the
// priming edit list [empty edit, media edit] after tkhd — read back with the box parser; and
// the bad inputs (not boxes, no moov, two tracks, truncated headers) give errors naming the file.

#include "core/media/InitSegment.h"
#include "core/media/cenc/Box.h"

#include <QtTest>

using namespace rendition;
using namespace rendition::cenc;

namespace {

QByteArray u32s(std::initializer_list<quint32> values)
{
    QByteArray out;
    for (quint32 v : values) be::put32(out, v);
    return out;
}

// ftyp + moov{mvhd(timescale 1000, duration 3000), trak{tkhd(duration 3000), mdia{mdhd(48000)}}, mvex{mehd(3000)}}
QByteArray header(int traks = 1, quint32 mediaScale = 48000, bool shortMvhd = false)
{
    std::vector<Box> moovChildren;
    moovChildren.push_back(Box::fullBox(fourcc("mvhd"), 0, 0, shortMvhd ? u32s({0}) : u32s({0, 0, 1000, 3000}) + QByteArray(80, '\0')));
    for (int i = 0; i < traks; ++i) {
        Box tkhd = Box::fullBox(fourcc("tkhd"), 0, 3, u32s({0, 0, quint32(i + 1), 0, 3000}) + QByteArray(60, '\0'));
        Box mdhd = Box::fullBox(fourcc("mdhd"), 0, 0, u32s({0, 0, mediaScale, 0}) + QByteArray(4, '\0'));
        moovChildren.push_back(Box::makeContainer(fourcc("trak"), {tkhd, Box::makeContainer(fourcc("mdia"), {mdhd})}));
    }
    moovChildren.push_back(Box::makeContainer(fourcc("mvex"), {Box::fullBox(fourcc("mehd"), 0, 0, u32s({3000}))}));
    QByteArray out = Box::leaf(fourcc("ftyp"), u32s({fourcc("iso5"), 512, fourcc("iso5"), fourcc("iso6"), fourcc("mp41")})).serialize();
    out += Box::makeContainer(fourcc("moov"), std::move(moovChildren)).serialize();
    return out;
}

} // namespace

class TestInitSegment : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void primedAudio()
    {
        auto out = finishInitSegment(header(), 8008, QStringLiteral("aac/init.mp4"));
        QVERIFY2(out, out ? "" : qPrintable(out.error().message));
        auto roots = parseBoxes(*out);
        QVERIFY(roots);
        const Box *ftyp = findPath(*roots, {fourcc("ftyp")});
        QVERIFY(ftyp);
        QCOMPARE(ftyp->body, u32s({fourcc("iso6"), 0, fourcc("iso6"), fourcc("cmfc"), fourcc("mp41")}));
        const Box *mvhd = findPath(*roots, {fourcc("moov"), fourcc("mvhd")});
        QCOMPARE(be::read32(mvhd->body.constData() + 12), 48000u);  // timescale
        QCOMPARE(be::read32(mvhd->body.constData() + 16), 144000u); // 3 s rescaled
        const Box *tkhd = findPath(*roots, {fourcc("moov"), fourcc("trak"), fourcc("tkhd")});
        QCOMPARE(be::read32(tkhd->body.constData() + 20), 144000u);
        const Box *mehd = findPath(*roots, {fourcc("moov"), fourcc("mvex"), fourcc("mehd")});
        QCOMPARE(be::read32(mehd->body.constData() + 4), 144000u);
        // edts right after tkhd, elst v1: [8008 empty], [0, media_time 8008]
        const Box *trak = findPath(*roots, {fourcc("moov"), fourcc("trak")});
        QCOMPARE(trak->children.at(1).type, fourcc("edts"));
        const Box *elst = findPath(*roots, {fourcc("moov"), fourcc("trak"), fourcc("edts"), fourcc("elst")});
        QVERIFY(elst);
        QCOMPARE(elst->version(), quint8(1));
        ByteReader r(elst->body);
        r.skip(4);
        QCOMPARE(r.u32(), 2u);
        QCOMPARE(r.u64(), quint64(8008));
        QCOMPARE(qint64(r.u64()), qint64(-1));
        QCOMPARE(r.u32(), 0x00010000u);
        QCOMPARE(r.u64(), quint64(0));
        QCOMPARE(r.u64(), quint64(8008));
        QCOMPARE(r.u32(), 0x00010000u);
        QVERIFY(r.ok() && r.remaining() == 0);
        QCOMPARE(initMediaTimescale(*out), 48000u);
        QCOMPARE(initMediaTimescale(QByteArray("junk")), 0u);
    }

    void videoHasNoEditList()
    {
        auto out = finishInitSegment(header(1, 30000), 0, QStringLiteral("v/init.mp4"));
        QVERIFY(out);
        auto roots = parseBoxes(*out);
        QVERIFY(roots);
        QVERIFY(!findPath(*roots, {fourcc("moov"), fourcc("trak"), fourcc("edts")}));
        QCOMPARE(be::read32(findPath(*roots, {fourcc("moov"), fourcc("mvhd")})->body.constData() + 12), 30000u);
        // Idempotent: finishing twice gives the same bytes.
        auto again = finishInitSegment(*out, 0, QStringLiteral("v/init.mp4"));
        QVERIFY(again);
        QCOMPARE(*again, *out);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::newRow("not boxes") << QByteArray("this is not an mp4 header at all") << QStringLiteral("cenc.bad_box");
        QTest::newRow("no moov") << Box::leaf(fourcc("ftyp"), u32s({fourcc("iso6"), 0})).serialize() << QStringLiteral("package.init");
        QTest::newRow("two tracks") << header(2) << QStringLiteral("package.init");
        QTest::newRow("truncated mvhd") << header(1, 48000, true) << QStringLiteral("package.init");
    }

    void badInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        auto out = finishInitSegment(bytes, 1024, QStringLiteral("x/init.mp4"));
        QVERIFY(!out);
        QCOMPARE(out.error().code, code);
        QVERIFY2(!out.error().context.isEmpty(), qPrintable(out.error().message));
    }
};

QTEST_GUILESS_MAIN(TestInitSegment)
#include "tst_initsegment.moc"
