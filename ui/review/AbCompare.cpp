#include "ui/review/AbCompare.h"

#include "ui/preview/ReaderPlayback.h"
#include "ui/review/FrameView.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QTime>

namespace rendition::ui {

namespace {
constexpr int kMaxPictureWidth = 960;
}

AbCompare::AbCompare(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    for (int side : {0, 1}) {
        m_combos[side] = new QComboBox(this);
        m_combos[side]->setToolTip(side == 0 ? tr("Rendition shown on the left") : tr("Rendition shown on the right"));
        m_views[side] = new FrameView(this);
        m_readers[side] = new ReaderPlayback(this);
        grid->addWidget(m_combos[side], 0, side);
        grid->addWidget(m_views[side], 1, side);
        grid->setColumnStretch(side, 1);
        connect(m_combos[side], &QComboBox::activated, this, [this, side](int i) {
            openSide(side, m_combos[side]->itemData(i).toString());
            m_readers[side]->seek(m_positionMs);
        });
        connect(m_readers[side], &ReaderPlayback::pictureReady, this, [this, side](const QImage &image, qint64 ms) {
            m_views[side]->setImage(image, tr("%1 at %2")
                                               .arg(m_names[side], QTime::fromMSecsSinceStartOfDay(int(ms)).toString(
                                                                       QStringLiteral("mm:ss.zzz"))));
        });
        connect(m_readers[side], &ReaderPlayback::errorOccurred, this, &AbCompare::errorOccurred);
    }
    auto *buttons = new QHBoxLayout;
    auto *back = new QPushButton(tr("◀ Frame"), this);
    auto *forward = new QPushButton(tr("Frame ▶"), this);
    buttons->addStretch();
    buttons->addWidget(back);
    buttons->addWidget(forward);
    buttons->addStretch();
    grid->addLayout(buttons, 2, 0, 1, 2);
    grid->setRowStretch(1, 1);
    connect(back, &QPushButton::clicked, this, [this] { step(-1); });
    connect(forward, &QPushButton::clicked, this, [this] { step(1); });
}

void AbCompare::setPackage(const VersionPackage &package, const RenditionKey &key)
{
    clear();
    m_package = package;
    m_key = key;
    const PackageRendition *smallest = nullptr, *largest = nullptr;
    for (const PackageRendition &r : package.renditions()) {
        if (!r.isVideo()) continue;
        for (QComboBox *c : m_combos)
            c->addItem(r.name, r.name);
        if (!smallest || r.width * r.height < smallest->width * smallest->height) smallest = &r;
        if (!largest || r.width * r.height >= largest->width * largest->height) largest = &r;
    }
    if (smallest && largest)
        if (Status s = setRenditions(smallest->name, largest->name); !s) Q_EMIT errorOccurred(s.error().toString());
}

void AbCompare::clear()
{
    m_package.reset();
    m_positionMs = 0;
    for (int side : {0, 1}) {
        m_combos[side]->clear();
        m_readers[side]->close();
        m_views[side]->setImage({}, {});
        m_names[side].clear();
    }
}

Status AbCompare::setRenditions(const QString &a, const QString &b)
{
    for (const QString &name : {a, b}) {
        const PackageRendition *r = m_package ? m_package->rendition(name) : nullptr;
        if (!r || !r->isVideo())
            return makeError(QStringLiteral("review.rendition"),
                             tr("no video rendition \"%1\" in the open version").arg(name),
                             m_package ? m_package->versionDir() : QString());
    }
    openSide(0, a);
    openSide(1, b);
    seek(m_positionMs);
    return {};
}

void AbCompare::openSide(int side, const QString &name)
{
    const PackageRendition *r = m_package ? m_package->rendition(name) : nullptr;
    if (!r) return;
    m_names[side] = name;
    m_combos[side]->setCurrentIndex(m_combos[side]->findData(name));
    m_readers[side]->open(*r, m_key, m_package->startOffsetSeconds(), kMaxPictureWidth);
}

void AbCompare::seek(qint64 positionMs)
{
    m_positionMs = positionMs;
    for (ReaderPlayback *r : m_readers)
        r->seek(positionMs);
}

void AbCompare::step(int frames)
{
    for (ReaderPlayback *r : m_readers)
        r->step(frames);
}

} // namespace rendition::ui
