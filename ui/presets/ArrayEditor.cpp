#include "ui/presets/ArrayEditor.h"

#include "ui/presets/CellDelegate.h"
#include "ui/presets/JsonTableModel.h"
#include "ui/presets/PresetDocument.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace rendition::ui {

ArrayEditor::ArrayEditor(const QString &arrayPath, const QList<ColumnSpec> &columns, ElementFactory factory,
                         QWidget *parent)
    : QWidget(parent), m_model(new JsonTableModel(arrayPath, columns, this)), m_view(new QTableView(this)),
      m_factory(std::move(factory))
{
    m_view->setModel(m_model);
    m_view->setItemDelegate(new CellDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_view->setDragEnabled(true);
    m_view->setAcceptDrops(true);
    m_view->setDropIndicatorShown(true);
    m_view->setDragDropMode(QAbstractItemView::InternalMove);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setDragDropOverwriteMode(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setObjectName(arrayPath + QStringLiteral("-table"));

    m_add = new QPushButton(tr("Add"), this);
    m_remove = new QPushButton(tr("Remove"), this);
    m_up = new QPushButton(tr("Move up"), this);
    m_down = new QPushButton(tr("Move down"), this);
    connect(m_add, &QPushButton::clicked, this, &ArrayEditor::addElement);
    connect(m_remove, &QPushButton::clicked, this, &ArrayEditor::removeCurrent);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(+1); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ArrayEditor::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ArrayEditor::updateButtons);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    updateButtons();
}

void ArrayEditor::setDocument(PresetDocument *doc)
{
    disconnect(m_moved);
    m_doc = doc;
    m_model->setDocument(doc);
    if (doc) {
        m_moved = connect(doc, &PresetDocument::elementMoved, this, [this](const QString &path, int, int to) {
            if (path == m_model->arrayPath()) selectCell(to, std::max(0, m_view->currentIndex().column()));
        });
    }
    updateButtons();
}

int ArrayEditor::currentRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.row() : -1;
}

bool ArrayEditor::addElement()
{
    if (!m_doc) return false;
    const int row = currentRow();
    const int at = row >= 0 ? row + 1 : m_model->rowCount();
    if (!m_doc->insertElement(m_model->arrayPath(), at, m_factory(m_doc->json(), row))) return false;
    selectCell(at, 0);
    return true;
}

bool ArrayEditor::removeCurrent()
{
    const int row = currentRow();
    if (!m_doc || row < 0 || !m_doc->removeElement(m_model->arrayPath(), row)) return false;
    if (m_model->rowCount() > 0) selectCell(std::min(row, m_model->rowCount() - 1), 0);
    return true;
}

bool ArrayEditor::moveCurrent(int delta)
{
    const int row = currentRow();
    return m_doc && row >= 0 && m_doc->moveElement(m_model->arrayPath(), row, row + delta);
}

void ArrayEditor::selectCell(int row, int column)
{
    const QModelIndex index = m_model->index(row, column);
    if (!index.isValid()) return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    updateButtons();
}

void ArrayEditor::updateButtons()
{
    const bool editable = m_doc && !m_doc->isReadOnly();
    const int row = currentRow();
    m_add->setEnabled(editable);
    m_remove->setEnabled(editable && row >= 0);
    m_up->setEnabled(editable && row > 0);
    m_down->setEnabled(editable && row >= 0 && row + 1 < m_model->rowCount());
    m_view->setDragDropMode(editable ? QAbstractItemView::InternalMove : QAbstractItemView::NoDragDrop);
}

} // namespace rendition::ui
