#include "ui/preview/MediaBackend.h"

#include <QByteArray>
#include <QtGlobal>

namespace rendition::ui {

void preferFfmpegMediaBackend()
{
    if (!qEnvironmentVariableIsSet("QT_MEDIA_BACKEND")) qputenv("QT_MEDIA_BACKEND", QByteArrayLiteral("ffmpeg"));
}

} // namespace rendition::ui
