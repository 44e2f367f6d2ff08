#include "ui/presets/JsonTableModel.h"

#include "ui/presets/JsonPath.h"
#include "ui/presets/PresetDocument.h"

#include <QColor>
#include <QJsonArray>
#include <QMimeData>

namespace rendition::ui {

namespace {

constexpr auto kRowMime = "application/x-rendition-json-row";

quint64 cellKey(int row, int column)
{
    return (quint64(quint32(row)) << 32) | quint32(column);
}

} // namespace

JsonTableModel::JsonTableModel(const QString &arrayPath, QList<ColumnSpec> columns, QObject *parent)
    : QAbstractTableModel(parent), m_arrayPath(arrayPath), m_columns(std::move(columns))
{
}

void JsonTableModel::setDocument(PresetDocument *doc)
{
    beginResetModel();
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_doc = doc;
    if (doc) {
        m_connections << connect(doc, &PresetDocument::valueChanged, this, [this](const QString &path) {
            if (path == m_arrayPath || jsonpath::elementIndex(path, m_arrayPath) >= 0)
                Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        });
        m_connections << connect(doc, &PresetDocument::arrayAboutToChange, this, [this](const QString &path) {
            if (path == m_arrayPath) beginResetModel();
        });
        m_connections << connect(doc, &PresetDocument::arrayChanged, this, [this](const QString &path) {
            if (path == m_arrayPath) endResetModel();
        });
        m_connections << connect(doc, &PresetDocument::issuesChanged, this, [this] {
            rebuildIssues();
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                               {Qt::BackgroundRole, Qt::ToolTipRole});
        });
    }
    rebuildIssues();
    endResetModel();
}

PresetDocument *JsonTableModel::document() const
{
    return m_doc;
}

QJsonObject JsonTableModel::element(int row) const
{
    return m_doc ? m_doc->value(jsonpath::element(m_arrayPath, row)).toObject() : QJsonObject();
}

QString JsonTableModel::cellPath(int row, int column) const
{
    return jsonpath::child(jsonpath::element(m_arrayPath, row), m_columns.at(column).key);
}

QModelIndex JsonTableModel::indexForIssue(const QString &issuePath) const
{
    QString rest;
    const int row = jsonpath::elementIndex(issuePath, m_arrayPath, &rest);
    if (row < 0 || row >= rowCount()) return {};
    int best = 0;
    for (int c = 0; c < m_columns.size(); ++c) {
        const QString &key = m_columns.at(c).key;
        if (key == rest) return index(row, c);
        // An issue about a sub-object ("rate_control") goes to its first column.
        if (!rest.isEmpty() && best == 0 && key.startsWith(rest + QLatin1Char('.'))) best = c;
    }
    return index(row, best);
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_doc ? 0 : int(m_doc->value(m_arrayPath).toArray().size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

bool JsonTableModel::applies(int row, int column) const
{
    const ColumnSpec &spec = m_columns.at(column);
    return !spec.applies || spec.applies(element(row));
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_doc) return {};
    const ColumnSpec &spec = m_columns.at(index.column());
    const QJsonValue v = m_doc->value(cellPath(index.row(), index.column()));
    const bool used = applies(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (!used) return QStringLiteral("—");
        if (spec.kind == CellKind::Bool) return {};
        return v.isDouble() && spec.kind == CellKind::Int ? QVariant(v.toInteger()) : v.toVariant();
    case Qt::EditRole:
        return v.toVariant();
    case Qt::CheckStateRole:
        if (spec.kind != CellKind::Bool || !used) return {};
        return v.toBool() ? Qt::Checked : Qt::Unchecked;
    case Qt::BackgroundRole:
        if (m_cellIssues.contains(cellKey(index.row(), index.column()))) return QColor(255, 205, 205);
        return {};
    case Qt::ForegroundRole:
        if (m_cellIssues.contains(cellKey(index.row(), index.column()))) return QColor(Qt::black);
        return used ? QVariant() : QVariant(QColor(Qt::gray));
    case Qt::ToolTipRole: {
        const QStringList issues = m_cellIssues.value(cellKey(index.row(), index.column()));
        return issues.isEmpty() ? QVariant() : QVariant(issues.join(QLatin1Char('\n')));
    }
    default:
        return {};
    }
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < m_columns.size() ? m_columns.at(section).title : QString();
    return section + 1;
}

Qt::ItemFlags JsonTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) return Qt::ItemIsDropEnabled;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    if (!m_doc || m_doc->isReadOnly() || !applies(index.row(), index.column())) return f;
    return f | (m_columns.at(index.column()).kind == CellKind::Bool ? Qt::ItemIsUserCheckable : Qt::ItemIsEditable);
}

bool JsonTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || !m_doc || !(flags(index) & (Qt::ItemIsEditable | Qt::ItemIsUserCheckable))) return false;
    const ColumnSpec &spec = m_columns.at(index.column());
    QJsonValue v;
    switch (spec.kind) {
    case CellKind::Bool:
        if (role != Qt::CheckStateRole) return false;
        v = value.toInt() == Qt::Checked;
        break;
    case CellKind::Int: {
        bool ok = false;
        const int i = value.toInt(&ok);
        if (role != Qt::EditRole || !ok) return false;
        v = i;
        break;
    }
    case CellKind::Double: {
        bool ok = false;
        const double d = value.toDouble(&ok);
        if (role != Qt::EditRole || !ok) return false;
        v = d;
        break;
    }
    case CellKind::Text:
    case CellKind::Choice:
    case CellKind::EditableChoice:
    case CellKind::Invalid:
        if (role != Qt::EditRole) return false;
        v = value.toString();
        break;
    }
    if (spec.rewrite)
        m_doc->setValue(jsonpath::element(m_arrayPath, index.row()), spec.rewrite(element(index.row()), v));
    else
        m_doc->setValue(cellPath(index.row(), index.column()), v);
    return true;
}

QStringList JsonTableModel::mimeTypes() const
{
    return {QString::fromLatin1(kRowMime)};
}

QMimeData *JsonTableModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty()) return nullptr;
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(kRowMime),
                  QStringLiteral("%1\n%2").arg(m_arrayPath).arg(indexes.first().row()).toUtf8());
    return data;
}

bool JsonTableModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &) const
{
    const QList<QByteArray> parts = data ? data->data(QString::fromLatin1(kRowMime)).split('\n') : QList<QByteArray>();
    return action == Qt::MoveAction && parts.size() == 2 && QString::fromUtf8(parts.at(0)) == m_arrayPath && m_doc &&
           !m_doc->isReadOnly();
}

bool JsonTableModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                  const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent)) return false;
    bool ok = false;
    const int from = data->data(QString::fromLatin1(kRowMime)).split('\n').at(1).toInt(&ok);
    const int count = rowCount();
    if (!ok || from < 0 || from >= count) return false;
    int to = count - 1; // dropped below the last row
    if (row >= 0)
        to = row > from ? row - 1 : row; // dropped between rows
    else if (parent.isValid())
        to = parent.row(); // dropped on a row: take its place
    // The view may then call removeRows() for the move; it is not implemented, so nothing more happens.
    return m_doc->moveElement(m_arrayPath, from, std::clamp(to, 0, count - 1));
}

void JsonTableModel::rebuildIssues()
{
    m_cellIssues.clear();
    if (!m_doc) return;
    for (const PresetIssue &issue : m_doc->issues()) {
        const QModelIndex cell = indexForIssue(issue.path);
        if (cell.isValid()) m_cellIssues[cellKey(cell.row(), cell.column())].append(issue.message);
    }
}

} // namespace rendition::ui
