#pragma once
// Qt Multimedia backend choice. Debian 12's Qt 6.4 ships two backends: GStreamer (the
// default) and FFmpeg. Without the GStreamer plugin packages the GStreamer backend cannot
// even build a playback pipeline (measured: "gst_element_link_many" assertions, no media
// loaded), while the FFmpeg backend uses the same FFmpeg 5.1 libraries as the engine, plays
// under QT_QPA_PLATFORM=offscreen and seeks files frame-accurately. So the workstation asks
// for FFmpeg unless the user set QT_MEDIA_BACKEND.

namespace rendition::ui {

// Sets QT_MEDIA_BACKEND=ffmpeg when it is not set. Effective only before the first Qt
// Multimedia object is created (the backend is chosen once per process): call it in main()
// before QApplication; PreviewPanel also calls it, which covers processes that create no
// other multimedia object first.
void preferFfmpegMediaBackend();

} // namespace rendition::ui
