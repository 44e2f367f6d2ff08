#pragma once
// Shows one picture (QImage) scaled to fit with its aspect kept, with a caption underneath
// (rendition and time). Used by the A/B comparison.

#include <QImage>
#include <QWidget>

namespace rendition::ui {

class FrameView : public QWidget {
    Q_OBJECT
public:
    explicit FrameView(QWidget *parent = nullptr);

    void setImage(const QImage &image, const QString &caption);
    void setCaption(const QString &caption);
    const QImage &image() const { return m_image; }
    QString caption() const { return m_caption; }
    QSize sizeHint() const override { return {480, 300}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
    QString m_caption;
};

} // namespace rendition::ui
