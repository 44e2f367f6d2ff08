# German and French translations of the GUI (translations/rendition_<lang>.ts), compiled by
# lrelease at build time and embedded into rendition-ui under :/i18n (see ui/common/Translations).
# `cmake --build <dir> --target update_translations` runs lupdate over the ui/ sources.
qt_add_translations(rendition-ui
  TS_FILES
    ${PROJECT_SOURCE_DIR}/translations/rendition_de.ts
    ${PROJECT_SOURCE_DIR}/translations/rendition_fr.ts
  RESOURCE_PREFIX /i18n
  LUPDATE_OPTIONS -no-obsolete -locations none)
