#pragma once
// Binds form widgets to JSON paths of the current PresetDocument: the widget shows the value,
// a user edit becomes an undoable document edit (typing in one field is merged into one undo
// step until the field loses focus), and the validator's messages for the path colour the
// widget red and become its tooltip. Read-only documents make the widgets read-only.
// Thread: GUI thread. Widgets are not owned; they must outlive the binder or its document.

#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace rendition::ui {

class PresetDocument;

class FormBinder : public QObject {
    Q_OBJECT
public:
    explicit FormBinder(QObject *parent = nullptr);

    void setDocument(PresetDocument *doc); // not owned; may be null

    void bindLineEdit(QLineEdit *edit, const QString &path);
    void bindSpinBox(QSpinBox *spin, const QString &path);
    void bindDoubleSpinBox(QDoubleSpinBox *spin, const QString &path);
    void bindCheckBox(QCheckBox *box, const QString &path);
    // Items' data are the JSON strings ("cenc"); their texts may be translated labels.
    void bindComboBox(QComboBox *combo, const QString &path);
    // A check box for one DRM system inside the "drm.systems" name array.
    void bindSystemCheckBox(QCheckBox *box, const QString &systemName);

    // The widget bound to exactly `path`, or nullptr.
    QWidget *widgetFor(const QString &path) const;
    QStringList boundPaths() const;

private:
    struct Binding {
        QPointer<QWidget> widget;
        QString path;
        std::function<void(const QJsonValue &)> show; // document → widget (signals blocked)
        std::function<void(bool readOnly)> setReadOnly;
    };
    void add(QWidget *widget, const QString &path, std::function<void(const QJsonValue &)> show,
             std::function<void(bool)> setReadOnly);
    void edit(const QString &path, const QJsonValue &value, bool typing);
    void endTyping() { ++m_typingSession; }
    void refreshValues();
    void refreshIssues();

    QPointer<PresetDocument> m_doc;
    QList<QMetaObject::Connection> m_connections;
    QList<Binding> m_bindings;
    int m_typingSession = 1;
};

} // namespace rendition::ui
