#pragma once
// Editors for JsonTableModel cells, chosen by the column's CellKind: combo boxes for choices
// (editable ones accept other text, e.g. an FFmpeg encoder name), spin boxes for numbers
// (wide limits: the core validator, not the editor, says what is valid, so the message can
// be shown), a line edit for text. Booleans are check boxes drawn by the view.

#include <QStyledItemDelegate>

namespace rendition::ui {

class CellDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace rendition::ui
