#include "ui/presets/FormBinder.h"

#include "ui/presets/PresetDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

namespace rendition::ui {

namespace {

constexpr auto kIssueStyle = "background-color: #ffcdcd;";
const QStringList kSystemOrder{QStringLiteral("clearkey"), QStringLiteral("widevine"), QStringLiteral("playready")};

} // namespace

FormBinder::FormBinder(QObject *parent) : QObject(parent) {}

void FormBinder::setDocument(PresetDocument *doc)
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_doc = doc;
    if (doc) {
        m_connections << connect(doc, &PresetDocument::valueChanged, this, &FormBinder::refreshValues);
        m_connections << connect(doc, &PresetDocument::issuesChanged, this, &FormBinder::refreshIssues);
    }
    ++m_typingSession;
    for (const Binding &b : std::as_const(m_bindings)) {
        if (b.widget) {
            b.widget->setEnabled(doc != nullptr);
            b.setReadOnly(!doc || doc->isReadOnly());
        }
    }
    refreshValues();
    refreshIssues();
}

void FormBinder::add(QWidget *widget, const QString &path, std::function<void(const QJsonValue &)> show,
                     std::function<void(bool)> setReadOnly)
{
    widget->setObjectName(path); // lets tests and the message list find the field
    m_bindings.append({widget, path, std::move(show), std::move(setReadOnly)});
    widget->setEnabled(m_doc != nullptr);
}

void FormBinder::bindLineEdit(QLineEdit *edit, const QString &path)
{
    add(
        edit, path,
        [edit](const QJsonValue &v) {
            if (edit->text() != v.toString()) edit->setText(v.toString());
        },
        [edit](bool ro) { edit->setReadOnly(ro); });
    connect(edit, &QLineEdit::textEdited, this, [this, path](const QString &text) { this->edit(path, text, true); });
    connect(edit, &QLineEdit::editingFinished, this, &FormBinder::endTyping);
}

void FormBinder::bindSpinBox(QSpinBox *spin, const QString &path)
{
    add(
        spin, path, [spin](const QJsonValue &v) { spin->setValue(v.toInt()); },
        [spin](bool ro) { spin->setReadOnly(ro); });
    connect(spin, &QSpinBox::valueChanged, this, [this, path](int v) { edit(path, v, true); });
    connect(spin, &QSpinBox::editingFinished, this, &FormBinder::endTyping);
}

void FormBinder::bindDoubleSpinBox(QDoubleSpinBox *spin, const QString &path)
{
    add(
        spin, path, [spin](const QJsonValue &v) { spin->setValue(v.toDouble()); },
        [spin](bool ro) { spin->setReadOnly(ro); });
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this, path](double v) { edit(path, v, true); });
    connect(spin, &QDoubleSpinBox::editingFinished, this, &FormBinder::endTyping);
}

void FormBinder::bindCheckBox(QCheckBox *box, const QString &path)
{
    add(
        box, path, [box](const QJsonValue &v) { box->setChecked(v.toBool()); },
        [box](bool ro) { box->setEnabled(!ro); });
    connect(box, &QCheckBox::clicked, this, [this, path](bool on) { edit(path, on, false); });
}

void FormBinder::bindComboBox(QComboBox *combo, const QString &path)
{
    add(
        combo, path,
        [combo](const QJsonValue &v) {
            const int i = combo->findData(v.toString());
            if (i < 0 && !v.toString().isEmpty()) // keep an unknown value visible (the validator names it)
                combo->addItem(v.toString(), v.toString());
            combo->setCurrentIndex(i >= 0 ? i : combo->count() - 1);
        },
        [combo](bool ro) { combo->setEnabled(!ro); });
    connect(combo, &QComboBox::activated, this,
            [this, combo, path](int i) { edit(path, combo->itemData(i).toString(), false); });
}

void FormBinder::bindSystemCheckBox(QCheckBox *box, const QString &systemName)
{
    const QString path = QStringLiteral("drm.systems");
    add(
        box, path, [box, systemName](const QJsonValue &v) { box->setChecked(v.toArray().contains(systemName)); },
        [box](bool ro) { box->setEnabled(!ro); });
    box->setObjectName(QStringLiteral("drm.systems.") + systemName);
    connect(box, &QCheckBox::clicked, this, [this, path, systemName](bool on) {
        if (!m_doc) return;
        const QJsonArray current = m_doc->value(path).toArray();
        QJsonArray next;
        for (const QString &name : kSystemOrder) {
            const bool listed = name == systemName ? on : current.contains(name) || name == kSystemOrder.first();
            if (listed) next.append(name);
        }
        edit(path, next, false);
    });
}

QWidget *FormBinder::widgetFor(const QString &path) const
{
    for (const Binding &b : m_bindings) {
        if (b.path == path) return b.widget;
    }
    return nullptr;
}

QStringList FormBinder::boundPaths() const
{
    QStringList paths;
    for (const Binding &b : m_bindings)
        paths << b.path;
    return paths;
}

void FormBinder::edit(const QString &path, const QJsonValue &value, bool typing)
{
    if (m_doc) m_doc->setValue(path, value, typing ? m_typingSession : 0);
}

void FormBinder::refreshValues()
{
    for (const Binding &b : std::as_const(m_bindings)) {
        if (!b.widget) continue;
        const QSignalBlocker block(b.widget);
        b.show(m_doc ? m_doc->value(b.path) : QJsonValue());
    }
}

void FormBinder::refreshIssues()
{
    for (const Binding &b : std::as_const(m_bindings)) {
        if (!b.widget) continue;
        const QStringList issues = m_doc ? m_doc->issuesAt(b.path) : QStringList();
        b.widget->setStyleSheet(issues.isEmpty() ? QString() : QString::fromLatin1(kIssueStyle));
        b.widget->setToolTip(issues.join(QLatin1Char('\n')));
    }
}

} // namespace rendition::ui
