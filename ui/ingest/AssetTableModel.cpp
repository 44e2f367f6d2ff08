#include "ui/ingest/AssetTableModel.h"

#include "ui/ingest/MediaDetailLoader.h"
#include "ui/ingest/ProblemText.h"

#include <QBrush>
#include <QColor>
#include <QFileInfo>
#include <QLocale>

#include <cmath>

namespace rendition::ui {

namespace {

QString formatDuration(double seconds)
{
    if (seconds <= 0) return QStringLiteral("—");
    const qint64 total = qint64(std::llround(seconds));
    const qint64 h = total / 3600, m = total / 60 % 60, s = total % 60;
    if (h > 0) return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

int worstSeverity(const ProbeResult &p)
{
    int worst = 0;
    for (const ProbeProblem &problem : p.problems) worst = std::max(worst, int(problem.severity));
    return worst;
}

QString coreDetail(const ProbeResult &p)
{
    QStringList lines;
    for (const ProbeProblem &problem : p.problems) lines << problem.message;
    return lines.join(u'\n');
}

} // namespace

AssetTableModel::AssetTableModel(QObject *parent)
    : QAbstractTableModel(parent), m_loader(new MediaDetailLoader(this))
{
    connect(m_loader, &MediaDetailLoader::thumbnailReady, this, &AssetTableModel::onThumbnail);
    connect(m_loader, &MediaDetailLoader::loudnessReady, this, &AssetTableModel::onLoudness);
}

int AssetTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int AssetTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AssetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Thumbnail: return tr("Picture");
    case Name: return tr("Name");
    case Duration: return tr("Duration");
    case Resolution: return tr("Resolution");
    case Codecs: return tr("Codecs");
    case Loudness: return tr("Loudness");
    case Status: return tr("Status");
    case Problems: return tr("Problems");
    default: return {};
    }
}

QVariant AssetTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        askDetails(index.row(), column);
        return display(row, column);
    case Qt::DecorationRole:
        if (column != Thumbnail) return {};
        askDetails(index.row(), column);
        return row.thumbnail.isNull() ? QVariant() : QVariant(row.thumbnail);
    case Qt::ToolTipRole:
        if (column == Problems || column == Status) return coreDetail(row.probe);
        if (column == Loudness && row.loudnessState == Detail::Failed) return row.detailError;
        return row.probe.path;
    case Qt::ForegroundRole:
        if (column != Status) return {};
        if (row.probe.hasFatal()) return QBrush(QColor(0xc0, 0x1c, 0x28));
        return row.probe.problems.isEmpty() ? QBrush(QColor(0x26, 0x80, 0x3b)) : QBrush(QColor(0xb5, 0x6a, 0x00));
    case Qt::TextAlignmentRole:
        if (column == Duration || column == Loudness) return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PathRole: return row.probe.path;
    case SortRole: return sortValue(row, column);
    case SeverityRole: return worstSeverity(row.probe);
    case ProblemCodesRole: {
        QStringList codes;
        for (const ProbeProblem &p : row.probe.problems) codes << p.code;
        return codes;
    }
    default: return {};
    }
}

QVariant AssetTableModel::display(const Row &row, int column) const
{
    const ProbeResult &p = row.probe;
    const StreamInfo *video = p.bestVideo();
    const StreamInfo *audio = p.bestAudio();
    switch (column) {
    case Name: return QFileInfo(p.path).fileName();
    case Duration: return formatDuration(p.durationSeconds);
    case Resolution: {
        if (!video) return QStringLiteral("—");
        QString text = QStringLiteral("%1×%2").arg(video->width).arg(video->height);
        if (video->frameRate() > 0)
            text += tr(", %1 fps").arg(QLocale().toString(video->frameRate(), 'g', 4));
        if (video->isInterlaced()) text += tr(" interlaced");
        return text;
    }
    case Codecs: {
        QStringList parts;
        if (video) parts << (video->profile.isEmpty() ? video->codec : QStringLiteral("%1 (%2)").arg(video->codec, video->profile));
        if (audio) parts << tr("%1 %2, %3 kHz").arg(audio->codec, audio->channelLayout.isEmpty() ? tr("%n channel(s)", nullptr, audio->channels) : audio->channelLayout,
                                                 QLocale().toString(audio->sampleRate / 1000.0, 'g', 3));
        return parts.isEmpty() ? QStringLiteral("—") : parts.join(QStringLiteral(" · "));
    }
    case Loudness: return loudnessText(row);
    case Status: return ProblemText::status(p);
    case Problems: return ProblemText::summary(p).replace(u'\n', QStringLiteral(" "));
    default: return {};
    }
}

QString AssetTableModel::loudnessText(const Row &row) const
{
    switch (row.loudnessState) {
    case Detail::NotAsked: return row.probe.bestAudio() && !row.probe.hasFatal() ? tr("waiting…") : QStringLiteral("—");
    case Detail::Pending: return tr("measuring…");
    case Detail::Failed: return tr("failed");
    case Detail::Ready:
        return row.loudnessLufs <= -120 ? tr("silent") : tr("%1 LUFS").arg(QLocale().toString(row.loudnessLufs, 'f', 1));
    }
    return {};
}

QVariant AssetTableModel::sortValue(const Row &row, int column) const
{
    const ProbeResult &p = row.probe;
    switch (column) {
    case Duration: return p.durationSeconds;
    case Resolution: return p.bestVideo() ? qint64(p.bestVideo()->width) * p.bestVideo()->height : 0;
    case Loudness: return row.loudnessState == Detail::Ready ? row.loudnessLufs : -1000.0;
    case Status: return worstSeverity(p);
    case Thumbnail:
    case Name: return QFileInfo(p.path).fileName().toLower();
    default: return display(row, column);
    }
}

void AssetTableModel::askDetails(int rowIndex, int column) const
{
    Row &row = m_rows[rowIndex];
    if (column == Thumbnail && row.thumbnailState == Detail::NotAsked) {
        if (!row.probe.bestVideo()) { row.thumbnailState = Detail::Failed; return; }
        row.thumbnailState = Detail::Pending;
        m_loader->requestThumbnail(row.probe.path);
    } else if (column == Loudness && row.loudnessState == Detail::NotAsked) {
        if (!row.probe.bestAudio() || row.probe.hasFatal()) return;
        row.loudnessState = Detail::Pending;
        m_loader->requestLoudness(row.probe.path);
    }
}

void AssetTableModel::onThumbnail(const QString &path, const QImage &image, const QString &error)
{
    const int r = rowOf(path);
    if (r < 0) return;
    m_rows[r].thumbnail = image;
    m_rows[r].thumbnailState = image.isNull() ? Detail::Failed : Detail::Ready;
    if (image.isNull()) m_rows[r].detailError = error;
    Q_EMIT dataChanged(index(r, Thumbnail), index(r, Thumbnail), {Qt::DecorationRole});
}

void AssetTableModel::onLoudness(const QString &path, double lufs, const QString &error)
{
    const int r = rowOf(path);
    if (r < 0) return;
    m_rows[r].loudnessLufs = lufs;
    m_rows[r].loudnessState = error.isEmpty() ? Detail::Ready : Detail::Failed;
    if (!error.isEmpty()) m_rows[r].detailError = error;
    Q_EMIT dataChanged(index(r, Loudness), index(r, Loudness), {Qt::DisplayRole, SortRole});
}

void AssetTableModel::addResults(const QList<ProbeResult> &results)
{
    QList<ProbeResult> fresh;
    for (const ProbeResult &r : results) {
        const int existing = rowOf(r.path);
        if (existing < 0) {
            fresh << r;
            continue;
        }
        m_rows[existing].probe = r; // a rescan: thumbnail and loudness stay (same file)
        Q_EMIT dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
    }
    if (fresh.isEmpty()) return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (ProbeResult &r : fresh) {
        m_rowOf.insert(r.path, int(m_rows.size()));
        m_rows.append(Row{std::move(r)});
    }
    endInsertRows();
}

void AssetTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_loader->reset();
    endResetModel();
}

} // namespace rendition::ui
