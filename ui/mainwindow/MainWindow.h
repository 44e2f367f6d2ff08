#pragma once
// The workstation's main window. It only composes panels (one folder each under ui/) and the
// menus that reach them; panels talk to the core through models and signals, never through
// the window.

#include <QMainWindow>

class QTabWidget;

namespace rendition::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Adds a panel as a tab; the window takes ownership.
    void addPanel(QWidget *panel, const QString &title);
    QTabWidget *tabs() const { return m_tabs; }

private:
    void buildMenus();

    QTabWidget *m_tabs = nullptr;
};

} // namespace rendition::ui
