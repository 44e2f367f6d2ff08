#pragma once
// The preview's metadata panel: a read-only two-column tree (field, value) of a probe result
// (container, duration, size, bitrate, every stream's codec, picture and sound parameters,
// problems) and, for a rendition, its packaging facts.

#include "core/model/ProbeResult.h"
#include "core/preview/VersionPackage.h"

#include <QTreeWidget>

namespace rendition::ui {

class MetadataView : public QTreeWidget {
    Q_OBJECT
public:
    explicit MetadataView(QWidget *parent = nullptr);

    void showProbe(const ProbeResult &probe);
    // The rendition's own facts as a top-level group (after the source's probe when shown).
    void addRendition(const PackageRendition &rendition, const QString &drmScheme);
    // Value of a field in a group ("Source" / "Stream 0" / "Rendition"), empty when absent (tests).
    QString value(const QString &group, const QString &field) const;

private:
    QTreeWidgetItem *addGroup(const QString &title);
    static void addField(QTreeWidgetItem *group, const QString &field, const QString &value);
};

} // namespace rendition::ui
