#pragma once
// Rendition A/B: two renditions of the same version side by side at the same timestamp.
// Each side has its own decrypting reader (ReaderPlayback, its own worker thread); seek()
// and frame steps go to both, so both show the frame at (or just after) the same program
// time. Works for clear and protected versions alike (the key is passed in).

#include "core/preview/VersionPackage.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;

namespace rendition::ui {

class FrameView;
class ReaderPlayback;

class AbCompare : public QWidget {
    Q_OBJECT
public:
    enum class Side { Invalid = 0, A, B }; // A: left, B: right

    explicit AbCompare(QWidget *parent = nullptr);

    // Offers the version's video renditions; A = the smallest, B = the largest.
    void setPackage(const VersionPackage &package, const RenditionKey &key);
    void clear();
    // Errors name the version folder when a rendition does not exist.
    Status setRenditions(const QString &a, const QString &b);
    QString rendition(Side side) const { return m_names[slot(side)]; }
    void seek(qint64 positionMs);
    void step(int frames);
    ReaderPlayback *reader(Side side) const { return m_readers[slot(side)]; }
    FrameView *view(Side side) const { return m_views[slot(side)]; }

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    static int slot(Side side) { return side == Side::B ? 1 : 0; } // index into the arrays below
    void openSide(int slot, const QString &name);

    std::optional<VersionPackage> m_package;
    RenditionKey m_key;
    QComboBox *m_combos[2] = {};
    FrameView *m_views[2] = {};
    ReaderPlayback *m_readers[2] = {};
    QString m_names[2];
    qint64 m_positionMs = 0;
};

} // namespace rendition::ui
