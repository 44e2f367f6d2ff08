#include "ui/common/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace rendition::ui {

Translations::Translations(QObject *parent) : QObject(parent) {}

Translations::~Translations() { remove(); }

QStringList Translations::availableCodes() { return {QStringLiteral("de"), QStringLiteral("fr")}; }

void Translations::remove()
{
    if (m_appInstalled) QCoreApplication::removeTranslator(&m_app);
    if (m_qtInstalled) QCoreApplication::removeTranslator(&m_qt);
    m_appInstalled = m_qtInstalled = false;
    m_code = QStringLiteral("en");
}

QString Translations::install(UiLanguage language, const QLocale &systemLocale)
{
    remove();
    QString code;
    switch (language) {
    case UiLanguage::German: code = QStringLiteral("de"); break;
    case UiLanguage::French: code = QStringLiteral("fr"); break;
    case UiLanguage::English: return m_code;
    case UiLanguage::System:
    case UiLanguage::Invalid:
        for (const QString &ui : systemLocale.uiLanguages()) { // "de-CH", "de", "en-US" …
            const QString base = ui.section(u'-', 0, 0).toLower();
            if (base == u"en") return m_code;
            if (availableCodes().contains(base)) { code = base; break; }
        }
        break;
    }
    if (code.isEmpty()) return m_code;
    if (m_app.load(QStringLiteral(":/i18n/rendition_%1.qm").arg(code)))
        m_appInstalled = QCoreApplication::installTranslator(&m_app);
    if (m_qt.load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        m_qtInstalled = QCoreApplication::installTranslator(&m_qt);
    if (m_appInstalled) m_code = code;
    return m_code;
}

} // namespace rendition::ui
