#pragma once
// Paints the queue's Progress column from QueueModel::ProgressRole (a ProgressView): one
// bar segment per pipeline stage reported so far (verify, loudness, transcode, package,
// qc, publish, ...), each filled to its percent, with the current stage's percent, fps
// and ETA as text over it; a finished job gets one full bar. Cheap: only visible rows
// are painted, and nothing here touches the store.
//
// Threading: GUI thread only.

#include <QStyledItemDelegate>

namespace rendition::ui {

class ProgressDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ProgressDelegate(QObject *parent = nullptr) : QStyledItemDelegate(parent) {}
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace rendition::ui
