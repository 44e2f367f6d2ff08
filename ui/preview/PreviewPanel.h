#pragma once
// The preview panel: plays a source file with QMediaPlayer + QVideoWidget (Qt's FFmpeg
// multimedia backend, see MediaBackend.h), and any video rendition of a published version:
// a clear progressive MP4 (proxy) in QMediaPlayer too, every segmented or protected rendition
// through the decrypting reader (ReaderPlayback → the same QVideoWidget's video sink), so
// clear, CENC and AES-128 renditions all preview the same way; the version's key comes from
// OUT/<asset>/keys/vN.json. Play/pause, frame step, J/K/L shuttle, a scrubber with sprite
// thumbnails on hover, an audio level meter (envelope computed off-thread) and a metadata
// panel. Probing and level envelopes run on worker threads; decoding on ReaderPlayback's.
//
// Why segmented renditions do not go through QMediaPlayer: Qt 6.4's FFmpeg backend plays our
// HLS playlists but reports duration 0 and cannot seek them, and it cannot decrypt; the reader
// path does all three. Reader previews are silent (the level meter still follows the
// version's audio rendition, decrypted when protected). Without an audio device the player
// plays silently: Qt 6.4's FFmpeg backend crashes writing audio to a missing device.

#include "ui/preview/Shuttle.h"
#include "core/preview/VersionPackage.h"

#include <QMediaPlayer>
#include <QWidget>

#include <optional>

class QAudioOutput;
class QComboBox;
class QLabel;
class QPushButton;
class QTimer;
class QVideoWidget;

namespace rendition::ui {

class LevelMeter;
class MetadataView;
class ReaderPlayback;
class ThumbnailScrubber;

class PreviewPanel : public QWidget {
    Q_OBJECT
public:
    enum class Mode { Invalid = 0, Empty, Player, Reader };

    explicit PreviewPanel(QWidget *parent = nullptr);
    ~PreviewPanel() override;

    // A media file, played by QMediaPlayer. Error (also shown in the panel) when it does not exist.
    Status openSource(const QString &path);
    // A published version folder: its renditions become selectable; the smallest video
    // rendition is shown. Errors name the file that is missing or broken (and the key file
    // of a protected version).
    Status openVersion(const QString &versionDir);
    Status openPackage(const VersionPackage &package); // same, for a package already read
    // Shows a video rendition of the open version (decoded by the reader; decrypted with the
    // version's key when protected).
    Status selectRendition(const QString &name);
    void seek(qint64 positionMs);

    Mode mode() const { return m_mode; }
    qint64 positionMs() const;
    qint64 durationMs() const;
    QString currentRendition() const { return m_rendition; }
    QStringList renditionNames() const;
    QString errorText() const;
    double shuttleRate() const { return m_shuttle.rate(); }

    // Widgets and collaborators, for the review panel and tests.
    QVideoWidget *videoWidget() const { return m_video; }
    QMediaPlayer *player() const { return m_player; }
    ReaderPlayback *reader() const { return m_reader; }
    ThumbnailScrubber *scrubber() const { return m_scrubber; }
    LevelMeter *levelMeter() const { return m_meter; }
    MetadataView *metadata() const { return m_metadata; }

public Q_SLOTS:
    void togglePlay();
    void stepFrames(int frames);    // +1 next frame, -1 previous frame (pauses)
    void shuttle(Shuttle::Key key); // J/K/L

Q_SIGNALS:
    void positionChanged(qint64 positionMs);
    void durationChanged(qint64 durationMs);
    void errorOccurred(const QString &message);
    void levelsReady(); // the level envelope of the current media is computed

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void buildUi();
    void setMode(Mode mode);
    void applyRate(double rate);
    void reverseTick();
    void onPosition(qint64 positionMs);
    void onPicture(const QImage &image);
    void showError(const QString &message);
    void computeLevels(const QStringList &files, const RenditionKey &key);
    void probeSourceAsync(const QString &path);
    double frameMs() const;

    QVideoWidget *m_video = nullptr;
    QMediaPlayer *m_player = nullptr;
    QAudioOutput *m_audio = nullptr;
    ReaderPlayback *m_reader = nullptr;
    ThumbnailScrubber *m_scrubber = nullptr;
    LevelMeter *m_meter = nullptr;
    MetadataView *m_metadata = nullptr;
    QComboBox *m_renditions = nullptr;
    QPushButton *m_playButton = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_reverseTimer = nullptr; // player mode: reverse shuttle by stepping back

    Mode m_mode = Mode::Empty;
    Shuttle m_shuttle;
    std::optional<VersionPackage> m_package;
    std::optional<RenditionKey> m_key; // of the open version (kind None when clear)
    QString m_rendition;
    double m_sourceFrameRate = 25;
    int m_jobGeneration = 0; // background results of an earlier media are dropped
};

} // namespace rendition::ui
