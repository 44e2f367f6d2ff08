#include "ui/queue/ProgressDelegate.h"

#include "ui/queue/QueueModel.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace rendition::ui {

namespace {

constexpr int kMarginPx = 3;
constexpr int kGapPx = 2;

} // namespace

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear(); // the selection / background only; the text is drawn over the bar
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &base, painter, widget);

    const ProgressView view = index.data(QueueModel::ProgressRole).value<ProgressView>();
    const QRect area = option.rect.adjusted(kMarginPx, kMarginPx, -kMarginPx, -kMarginPx);
    painter->save();
    const QPalette &pal = option.palette;
    const int segments = view.complete ? 1 : int(view.stages.size());
    if (segments > 0 && area.width() > segments * (kGapPx + 2)) {
        const int width = (area.width() - (segments - 1) * kGapPx) / segments;
        for (int i = 0; i < segments; ++i) {
            const QRect seg(area.left() + i * (width + kGapPx), area.top(), width, area.height());
            painter->fillRect(seg, pal.color(QPalette::Base).darker(112));
            const double fraction = view.complete ? 1.0 : std::clamp(view.stages.at(i).percent / 100.0, 0.0, 1.0);
            QRect filled = seg;
            filled.setWidth(int(seg.width() * fraction + 0.5));
            painter->fillRect(filled, pal.color(QPalette::Highlight).lighter(view.complete ? 150 : 130));
        }
    }
    if (!view.text.isEmpty()) {
        painter->setPen(pal.color(option.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
        const QString text = option.fontMetrics.elidedText(view.text, Qt::ElideRight, area.width());
        painter->drawText(area, Qt::AlignCenter, text);
    }
    painter->restore();
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(), 220));
    return s;
}

} // namespace rendition::ui
