#pragma once
// A table for one JSON array of the preset (ladder rungs, audio renditions, QC rules) with
// Add / Remove / Move up / Move down buttons; rows also move by drag and drop. Every action
// is one undo step of the document. Read-only documents disable the buttons and editing.

#include <QJsonObject>
#include <QWidget>

#include <functional>

class QPushButton;
class QTableView;

namespace rendition::ui {

class JsonTableModel;
class PresetDocument;
struct ColumnSpec;

class ArrayEditor : public QWidget {
    Q_OBJECT
public:
    // Makes the element inserted by "Add" from the document and the current row (-1: none).
    using ElementFactory = std::function<QJsonObject(const QJsonObject &document, int row)>;

    ArrayEditor(const QString &arrayPath, const QList<ColumnSpec> &columns, ElementFactory factory,
                QWidget *parent = nullptr);

    void setDocument(PresetDocument *doc); // not owned; may be null
    JsonTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    int currentRow() const;

public Q_SLOTS:
    // Inserts a new element after the current row (at the end when none is selected).
    bool addElement();
    bool removeCurrent();
    bool moveCurrent(int delta); // -1 up, +1 down
    void selectCell(int row, int column);

private:
    void updateButtons();

    JsonTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    ElementFactory m_factory;
    PresetDocument *m_doc = nullptr;
    QMetaObject::Connection m_moved;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
};

} // namespace rendition::ui
