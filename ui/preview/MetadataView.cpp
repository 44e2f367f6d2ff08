#include "ui/preview/MetadataView.h"

#include <QHeaderView>
#include <QLocale>

namespace rendition::ui {

MetadataView::MetadataView(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Field"), tr("Value")});
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
}

QTreeWidgetItem *MetadataView::addGroup(const QString &title)
{
    auto *group = new QTreeWidgetItem(this, {title});
    group->setExpanded(true);
    return group;
}

void MetadataView::addField(QTreeWidgetItem *group, const QString &field, const QString &value)
{
    if (!value.isEmpty()) new QTreeWidgetItem(group, {field, value});
}

void MetadataView::showProbe(const ProbeResult &probe)
{
    clear();
    const QLocale locale;
    QTreeWidgetItem *file = addGroup(tr("Source"));
    addField(file, tr("File"), probe.path);
    addField(file, tr("Container"), probe.containerLong.isEmpty() ? probe.container : probe.containerLong);
    addField(file, tr("Duration"), tr("%1 s").arg(locale.toString(probe.durationSeconds, 'f', 3)));
    if (probe.sizeBytes > 0) addField(file, tr("Size"), locale.formattedDataSize(probe.sizeBytes));
    if (probe.bitrateBps > 0) addField(file, tr("Bitrate"), tr("%1 kb/s").arg(probe.bitrateBps / 1000));
    for (const StreamInfo &s : probe.streams) {
        QTreeWidgetItem *g = addGroup(tr("Stream %1").arg(s.index));
        addField(g, tr("Type"), s.type);
        addField(g, tr("Codec"), s.profile.isEmpty() ? s.codec : QStringLiteral("%1 (%2)").arg(s.codec, s.profile));
        if (s.bitrateBps > 0) addField(g, tr("Bitrate"), tr("%1 kb/s").arg(s.bitrateBps / 1000));
        if (s.type == u"video") {
            addField(g, tr("Size"), QStringLiteral("%1×%2").arg(s.width).arg(s.height));
            addField(g, tr("Pixel aspect"), QStringLiteral("%1:%2").arg(s.sarNum).arg(s.sarDen));
            addField(
                g, tr("Frame rate"),
                tr("%1 fps%2")
                    .arg(locale.toString(s.frameRate(), 'f', 3), s.variableFrameRate ? tr(" (variable)") : QString()));
            addField(g, tr("Pixel format"), s.pixelFormat);
            addField(g, tr("Field order"), s.fieldOrder);
        } else if (s.type == u"audio") {
            addField(g, tr("Sample rate"), tr("%1 Hz").arg(s.sampleRate));
            addField(g, tr("Channels"),
                     s.channelLayout.isEmpty() ? QString::number(s.channels)
                                               : QStringLiteral("%1 (%2)").arg(s.channels).arg(s.channelLayout));
        }
        addField(g, tr("Language"), s.language);
    }
    if (!probe.problems.isEmpty()) {
        QTreeWidgetItem *g = addGroup(tr("Problems"));
        for (const ProbeProblem &p : probe.problems)
            addField(g, p.code, p.message);
    }
}

void MetadataView::addRendition(const PackageRendition &rendition, const QString &drmScheme)
{
    const QLocale locale;
    QTreeWidgetItem *g = addGroup(tr("Rendition"));
    addField(g, tr("Name"), rendition.name);
    addField(g, tr("Codec"), rendition.codec);
    if (rendition.width > 0)
        addField(g, tr("Size"), QStringLiteral("%1×%2").arg(rendition.width).arg(rendition.height));
    if (rendition.targetBitrateKbps > 0)
        addField(g, tr("Target bitrate"), tr("%1 kb/s").arg(rendition.targetBitrateKbps));
    addField(g, tr("Segments"), QString::number(rendition.segments.size()));
    addField(g, tr("Protection"), drmScheme.isEmpty() || drmScheme == u"none" ? tr("none") : drmScheme);
    addField(g, tr("Duration"), tr("%1 s").arg(locale.toString(rendition.durationSeconds, 'f', 3)));
}

QString MetadataView::value(const QString &group, const QString &field) const
{
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QTreeWidgetItem *g = topLevelItem(i);
        if (g->text(0) != group) continue;
        for (int j = 0; j < g->childCount(); ++j)
            if (g->child(j)->text(0) == field) return g->child(j)->text(1);
    }
    return {};
}

} // namespace rendition::ui
