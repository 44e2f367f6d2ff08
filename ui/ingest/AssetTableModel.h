#pragma once
// The ingest table: one row per probed file, in the order found. Columns: thumbnail,
// name, duration, resolution, codecs, loudness, validation status, problems (plain words).
// Thumbnails and loudness are asked of the MediaDetailLoader the first time a view shows
// them (data() for a visible cell), so they are computed lazily and off the GUI thread.
// GUI thread only.

#include "core/model/ProbeResult.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QImage>
#include <QList>

namespace rendition::ui {

class MediaDetailLoader;

class AssetTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Thumbnail = 0, Name, Duration, Resolution, Codecs, Loudness, Status, Problems, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // absolute path
        SortRole,                    // numbers for numeric columns, text otherwise
        SeverityRole,                // int(rendition::Severity) of the worst problem, 0 when none
        ProblemCodesRole,            // QStringList of the problem codes
    };

    explicit AssetTableModel(QObject *parent);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Adds new files and replaces the rows of files already listed (a rescan).
    void addResults(const QList<rendition::ProbeResult> &results);
    void clear();
    bool contains(const QString &path) const { return m_rowOf.contains(path); }
    const ProbeResult &probeAt(int row) const { return m_rows.at(row).probe; }
    int rowOf(const QString &path) const { return m_rowOf.value(path, -1); }

    MediaDetailLoader *loader() const { return m_loader; }

private:
    enum class Detail { NotAsked = 0, Pending, Ready, Failed };
    struct Row {
        ProbeResult probe;
        QImage thumbnail;
        Detail thumbnailState = Detail::NotAsked;
        double loudnessLufs = 0;
        Detail loudnessState = Detail::NotAsked;
        QString detailError;
    };

    QVariant display(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;
    QString loudnessText(const Row &row) const;
    void askDetails(int row, int column) const;
    void onThumbnail(const QString &path, const QImage &image, const QString &error);
    void onLoudness(const QString &path, double lufs, const QString &error);

    mutable QList<Row> m_rows; // detail states change when a view first asks (lazy loading)
    QHash<QString, int> m_rowOf;
    MediaDetailLoader *m_loader = nullptr; // child of this
};

} // namespace rendition::ui
