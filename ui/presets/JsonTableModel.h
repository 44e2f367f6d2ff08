#pragma once
// A table over one JSON array of a PresetDocument ("ladder", "audio", "qc.rules"): one row
// per element, one column per ColumnSpec. Edits become undoable document edits; rows are
// reordered by drag and drop (internal moves only, an undoable move each).
// Validation: a cell whose JSON path has issues gets a red background and the messages as
// tooltip; issues about a whole element (or a sub-object without its own column) are shown
// on the element's first column. Cells that do not apply to an element (e.g. crf for a vbr
// rung) show "—" and are not editable. With no document the table is empty.

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QPointer>

#include <functional>

namespace rendition::ui {

class PresetDocument;

enum class CellKind { Invalid = 0, Text, Int, Double, Bool, Choice, EditableChoice };

struct ColumnSpec {
    QString key;   // path inside the element: "codec", "rate_control.crf"
    QString title; // translated header
    CellKind kind = CellKind::Text;
    double minimum = -1e9; // editor limits (the core validator decides what is valid)
    double maximum = 1e9;
    // Choices offered by Choice/EditableChoice editors (element and whole document given).
    std::function<QStringList(const QJsonObject &element, const QJsonObject &document)> choices;
    // Whether the cell means anything for this element; empty = always.
    std::function<bool(const QJsonObject &element)> applies;
    // Replaces the whole element when set (e.g. a rate-control mode change rewrites its fields).
    std::function<QJsonObject(const QJsonObject &element, const QJsonValue &value)> rewrite;
};

class JsonTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    JsonTableModel(const QString &arrayPath, QList<ColumnSpec> columns, QObject *parent = nullptr);

    void setDocument(PresetDocument *doc); // not owned; may be null
    PresetDocument *document() const;
    QString arrayPath() const { return m_arrayPath; }
    const ColumnSpec &column(int c) const { return m_columns.at(c); }
    QJsonObject element(int row) const;
    // The JSON path of a cell: "ladder[2].rate_control.crf".
    QString cellPath(int row, int column) const;
    // The cell an issue path belongs to (invalid when it is not inside this array).
    QModelIndex indexForIssue(const QString &issuePath) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    // Moves the dragged element to the drop position (one undo step).
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

private:
    bool applies(int row, int column) const;
    void rebuildIssues();

    QString m_arrayPath;
    QList<ColumnSpec> m_columns;
    QPointer<PresetDocument> m_doc;
    QList<QMetaObject::Connection> m_connections;
    QHash<quint64, QStringList> m_cellIssues; // key: row << 32 | column
};

} // namespace rendition::ui
