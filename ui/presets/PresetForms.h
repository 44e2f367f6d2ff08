#pragma once
// The form pages of the preset editor: general (name, description, version, deinterlace, GOP,
// naming), packaging, loudness, DRM, thumbnails and the QC switch. Every field of the Preset
// model outside the three tables has a widget, bound through the FormBinder to its JSON path
// (the widget's objectName is that path). Spin boxes allow more than the validator accepts,
// so out-of-range values get the validator's message instead of being silently clamped.

#include <QCoreApplication>

class QWidget;

namespace rendition::ui {

class FormBinder;

class PresetForms {
    Q_DECLARE_TR_FUNCTIONS(rendition::ui::PresetForms)
public:
    static QWidget *generalPage(FormBinder *binder, QWidget *parent);
    static QWidget *packagingPage(FormBinder *binder, QWidget *parent);
    static QWidget *loudnessGroup(FormBinder *binder, QWidget *parent);
    static QWidget *drmPage(FormBinder *binder, QWidget *parent);
    static QWidget *thumbnailsPage(FormBinder *binder, QWidget *parent);
    static QWidget *qcSwitch(FormBinder *binder, QWidget *parent);
};

} // namespace rendition::ui
