# Debian package: both binaries (rendition, rendition-cli), the desktop entry, the AppStream
# metainfo and the icons (SVG + PNG sizes rendered from it at build time with rsvg-convert).
# `make package` (cpack) builds build/rendition_<version>_<arch>.deb.

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
  install(DIRECTORY ${CMAKE_BINARY_DIR}/icons/hicolor DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)
else()
  message(WARNING "rsvg-convert not found (Debian: librsvg2-bin): only the SVG icon is installed")
endif()
install(FILES ${RENDITION_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/rendition.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/rendition.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo
        RENAME org.rendition.Rendition.metainfo.xml)

# --- The package -----------------------------------------------------------------------------
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "rendition")
set(CPACK_PACKAGE_VENDOR "Rendition")
set(CPACK_PACKAGE_CONTACT "Rendition developers <dev@rendition.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Media pipeline workstation: probe, ladder transcode, HLS/DASH packaging")
set(CPACK_PACKAGE_DESCRIPTION "Rendition probes and validates raw media, transcodes it through a bitrate ladder from one
decode and publishes CMAF packages for HLS and DASH. The rendition GUI (drag-and-drop ingest,
preview, preset editor, batch queue, QC review) and the rendition-cli command line drive the same
engine; jobs run in isolated worker processes from a persistent SQLite queue.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "video")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://rendition.invalid/")
# Linked libraries (Qt, FFmpeg, libebur128, OpenSSL, libcurl) come from dpkg-shlibdeps, which
# also brings libqt6gui6 (X11 platform plugin) and libqt6multimedia6 (its FFmpeg backend).
# Plugins that live in packages of their own are named here: the job store's SQLite driver;
# Wayland and Qt's own translations are recommended.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n, hicolor-icon-theme")
include(CPack)
