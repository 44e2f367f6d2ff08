# Man pages for both binaries, generated at build time from their own --help with help2man
# (packaging/man/make-manpage.sh; rendition-cli's page also holds every subcommand's --help)
# and installed gzip'd to share/man/man1. Regenerated whenever a binary is rebuilt.
include(GNUInstallDirs)
find_program(HELP2MAN help2man)
if(NOT HELP2MAN)
  message(WARNING "help2man not found (Debian: help2man): no man pages are built or installed")
  return()
endif()

set(RENDITION_MAN_DIR ${CMAKE_BINARY_DIR}/man)
set(RENDITION_MAN_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/man/make-manpage.sh)
add_custom_command(OUTPUT ${RENDITION_MAN_DIR}/rendition.1.gz
  COMMAND bash ${RENDITION_MAN_SCRIPT} $<TARGET_FILE:rendition> ${RENDITION_MAN_DIR}/rendition.1.gz
          "media pipeline workstation (GUI)"
  DEPENDS rendition ${RENDITION_MAN_SCRIPT} ${CMAKE_CURRENT_LIST_DIR}/man/common.h2m
  COMMENT "Generating the rendition(1) man page" VERBATIM)
add_custom_command(OUTPUT ${RENDITION_MAN_DIR}/rendition-cli.1.gz
  COMMAND bash ${RENDITION_MAN_SCRIPT} $<TARGET_FILE:rendition-cli> ${RENDITION_MAN_DIR}/rendition-cli.1.gz
          "probe, transcode and package media from the command line" cli
  DEPENDS rendition-cli ${RENDITION_MAN_SCRIPT} ${CMAKE_CURRENT_LIST_DIR}/man/common.h2m
  COMMENT "Generating the rendition-cli(1) man page" VERBATIM)
add_custom_target(manpages ALL DEPENDS ${RENDITION_MAN_DIR}/rendition.1.gz ${RENDITION_MAN_DIR}/rendition-cli.1.gz)
install(FILES ${RENDITION_MAN_DIR}/rendition.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT gui)
install(FILES ${RENDITION_MAN_DIR}/rendition-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)

# Lint and content check of the generated pages (tests/packaging/check-manpages.sh).
add_test(NAME packaging.manpages
  COMMAND bash ${PROJECT_SOURCE_DIR}/tests/packaging/check-manpages.sh ${RENDITION_MAN_DIR} $<TARGET_FILE:rendition-cli>)
set_tests_properties(packaging.manpages PROPERTIES LABELS packaging TIMEOUT 120)
