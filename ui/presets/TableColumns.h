#pragma once
// Column definitions for the preset editor's tables (ladder rungs, audio renditions, QC
// rules) and the element a table's "Add" button inserts. Every field of the Preset model's
// Rung, AudioRendition and QcRule has a column; choices come from the core's name lists.

#include "ui/presets/JsonTableModel.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace rendition::ui {

class TableColumns {
    Q_DECLARE_TR_FUNCTIONS(rendition::ui::TableColumns)
public:
    static QList<ColumnSpec> ladder();
    static QList<ColumnSpec> audio();
    static QList<ColumnSpec> qcRules();

    // New elements: a copy of element `row` (or a sensible default when the array is empty),
    // renamed to a name not used by any rung or audio rendition of `document`.
    static QJsonObject newRung(const QJsonObject &document, int row);
    static QJsonObject newAudioRendition(const QJsonObject &document, int row);
    static QJsonObject newQcRule(const QJsonObject &document, int row);

    // A rung's rate_control rewritten for `mode`: keeps the values the mode uses, fills the rest
    // with defaults for the codec, drops fields the mode does not use.
    static QJsonObject rateControlFor(const QJsonObject &rung, const QString &mode);
};

} // namespace rendition::ui
