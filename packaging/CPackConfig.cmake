# Debian packages, one per install component (`make package` = cpack in the build dir):
#   rendition-cli_<version>_<arch>.deb  component "cli": rendition-cli and its man page, for
#                                       servers and workers (no Qt Gui/Widgets/Multimedia)
#   rendition_<version>_<arch>.deb      component "gui": the rendition GUI, its man page, the
#                                       desktop entry, AppStream metainfo and icons (SVG + PNG
#                                       sizes rendered at build time with rsvg-convert);
#                                       Depends on rendition-cli of the same version
#   <package>-dbgsym_<version>_<arch>.ddeb  the binaries' debug symbols, split off by CPack
#                                       (objcopy --only-keep-debug, under /usr/lib/debug/.build-id);
#                                       the binaries in the .debs are stripped and carry a debuglink.
# The split needs a build with -g: the dev preset (RelWithDebInfo, -O2 -g) that `make package`
# uses; a Release build gives stripped packages without dbgsym.

# --- Desktop integration ---------------------------------------------------------------------
include(GNUInstallDirs)
set(RENDITION_ICON_SVG ${CMAKE_CURRENT_LIST_DIR}/icons/rendition.svg)
set(RENDITION_ICON_SIZES 16 24 32 48 64 128 256)
find_program(RSVG_CONVERT rsvg-convert)
if(RSVG_CONVERT)
  set(icon_pngs)
  foreach(size ${RENDITION_ICON_SIZES})
    set(png ${CMAKE_BINARY_DIR}/icons/hicolor/${size}x${size}/apps/rendition.png)
    add_custom_command(OUTPUT ${png}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/icons/hicolor/${size}x${size}/apps
      COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${RENDITION_ICON_SVG}
      DEPENDS ${RENDITION_ICON_SVG}
      COMMENT "Rendering the ${size}x${size} icon")
    list(APPEND icon_pngs ${png})
  endforeach()
  add_custom_target(icons ALL DEPENDS ${icon_pngs})
  install(DIRECTORY ${CMAKE_BINARY_DIR}/icons/hicolor DESTINATION ${CMAKE_INSTALL_DATADIR}/icons COMPONENT gui)
else()
  message(WARNING "rsvg-convert not found (Debian: librsvg2-bin): only the SVG icon is installed")
endif()
install(FILES ${RENDITION_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT gui)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/rendition.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT gui)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/rendition.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo
        RENAME org.rendition.Rendition.metainfo.xml COMPONENT gui)

include(${CMAKE_CURRENT_LIST_DIR}/ManPages.cmake)

# --- The packages ----------------------------------------------------------------------------
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "rendition")
set(CPACK_PACKAGE_VENDOR "Rendition")
set(CPACK_PACKAGE_CONTACT "Rendition developers <dev@rendition.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Media pipeline workstation: probe, ladder transcode, HLS/DASH packaging")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "video")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://rendition.invalid/")

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL cli gui)
set(CPACK_COMPONENTS_GROUPING IGNORE) # one package per component
set(CPACK_DEBIAN_CLI_PACKAGE_NAME "rendition-cli")
set(CPACK_DEBIAN_GUI_PACKAGE_NAME "rendition")
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION "video")
set(CPACK_DEBIAN_GUI_PACKAGE_SECTION "video")
set(CPACK_COMPONENT_CLI_DESCRIPTION "Media pipeline engine and command line: probe, ladder transcode, HLS/DASH packaging
rendition-cli probes and validates raw media, transcodes it through a bitrate ladder from one
decode and publishes CMAF packages for HLS and DASH, with loudness normalization, QC and
encryption. It runs jobs from a persistent SQLite queue in isolated worker processes, watches
folders, and works as a cluster worker (S3 + SQS). No graphical libraries: fit for servers.")
set(CPACK_COMPONENT_GUI_DESCRIPTION "Media pipeline workstation (GUI)
The rendition GUI drives the rendition-cli engine: drag-and-drop ingest, preview, preset editor,
batch queue and QC review with approval.")
# Linked libraries (Qt, FFmpeg, libebur128, OpenSSL, libcurl) come from dpkg-shlibdeps, per
# package: rendition-cli gets Qt Core/Sql/Network only, the GUI package also libqt6widgets6,
# libqt6gui6 (X11 platform plugin) and libqt6multimedia6 (its FFmpeg backend). Plugins in
# packages of their own are named here: the job store's SQLite driver (both); Wayland and Qt's
# own translations are recommended for the GUI.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_GUI_PACKAGE_DEPENDS "rendition-cli (= ${PROJECT_VERSION}), libqt6sql6-sqlite")
set(CPACK_DEBIAN_GUI_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n, hicolor-icon-theme")
# Split debug symbols into <package>-dbgsym .ddeb files; the packaged binaries are stripped.
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
include(CPack)
