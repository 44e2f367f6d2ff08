#pragma once
// Loads the GUI's translations: Rendition's own (rendition_<lang>.qm, compiled from
// translations/*.ts by lrelease at build time and embedded under :/i18n) and Qt's
// (qtbase_<lang>.qm from Qt's translations folder, for standard dialogs and buttons).
// Call on the GUI thread before widgets are made; a language change applies to windows
// made afterwards (the app asks for a restart).

#include "ui/common/AppSettings.h"

#include <QLocale>
#include <QObject>
#include <QString>
#include <QTranslator>

namespace rendition::ui {

class Translations : public QObject {
    Q_OBJECT
public:
    explicit Translations(QObject *parent);
    ~Translations() override;

    // Removes earlier translators and installs those of `language` (System: the first of
    // `systemLocale`'s UI languages that Rendition has, else English). Returns the code
    // installed: "de", "fr" or "en" (English is the source text: nothing to load).
    QString install(UiLanguage language, const QLocale &systemLocale = QLocale::system());
    QString installedCode() const { return m_code; }

    // Languages Rendition ships, besides English.
    static QStringList availableCodes(); // {"de", "fr"}

private:
    void remove();

    QTranslator m_app;
    QTranslator m_qt;
    bool m_appInstalled = false;
    bool m_qtInstalled = false;
    QString m_code = QStringLiteral("en");
};

} // namespace rendition::ui
