#include "ui/presets/CellDelegate.h"

#include "ui/presets/JsonTableModel.h"
#include "ui/presets/PresetDocument.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

#include <climits>

namespace rendition::ui {

namespace {

const JsonTableModel *tableModel(const QModelIndex &index)
{
    return qobject_cast<const JsonTableModel *>(index.model());
}

} // namespace

QWidget *CellDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const JsonTableModel *model = tableModel(index);
    if (!model || !model->document()) return QStyledItemDelegate::createEditor(parent, option, index);
    const ColumnSpec &spec = model->column(index.column());
    switch (spec.kind) {
    case CellKind::Int: {
        auto *spin = new QSpinBox(parent);
        spin->setRange(int(std::max<double>(spec.minimum, INT_MIN)), int(std::min<double>(spec.maximum, INT_MAX)));
        return spin;
    }
    case CellKind::Double: {
        auto *spin = new QDoubleSpinBox(parent);
        spin->setDecimals(3);
        spin->setRange(spec.minimum, spec.maximum);
        return spin;
    }
    case CellKind::Choice:
    case CellKind::EditableChoice: {
        auto *combo = new QComboBox(parent);
        combo->setEditable(spec.kind == CellKind::EditableChoice);
        const QStringList choices =
            spec.choices ? spec.choices(model->element(index.row()), model->document()->json()) : QStringList();
        for (const QString &c : choices)
            combo->addItem(c.isEmpty() ? tr("(default)") : c, c);
        return combo;
    }
    case CellKind::Text:
        return new QLineEdit(parent);
    case CellKind::Bool:
    case CellKind::Invalid:
        break;
    }
    return nullptr;
}

void CellDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QVariant value = index.data(Qt::EditRole);
    if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->setValue(value.toInt());
    } else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(editor)) {
        dspin->setValue(value.toDouble());
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int i = combo->findData(value.toString());
        if (i >= 0)
            combo->setCurrentIndex(i);
        else if (combo->isEditable())
            combo->setEditText(value.toString());
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(value.toString());
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
}

void CellDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *spin = qobject_cast<QSpinBox *>(editor)) {
        spin->interpretText();
        model->setData(index, spin->value(), Qt::EditRole);
    } else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(editor)) {
        dspin->interpretText();
        model->setData(index, dspin->value(), Qt::EditRole);
    } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        // An editable combo's text wins unless it is the label of a listed item.
        const int listed = combo->isEditable() ? combo->findText(combo->currentText()) : combo->currentIndex();
        const QString value = listed >= 0 ? combo->itemData(listed).toString() : combo->currentText();
        model->setData(index, value, Qt::EditRole);
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        model->setData(index, line->text(), Qt::EditRole);
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}

} // namespace rendition::ui
