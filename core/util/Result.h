#pragma once
// Value-or-error for every core API. Errors carry a stable machine code
// ("probe.not_media"), one human sentence, and context (file, stream, JSON path).
// Exceptions never cross threads or process boundaries; this type does.

#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace rendition {

struct Error {
    QString code;     // stable, dotted, lower_snake: "transcode.encoder_open"
    QString message;  // one sentence: what went wrong and what to do
    QString context;  // where: file path, "stream 1", "ladder[2].height"

    QString toString() const
    {
        return context.isEmpty() ? message : context + QStringLiteral(": ") + message;
    }
    QJsonObject toJson() const
    {
        return {{QStringLiteral("code"), code},
                {QStringLiteral("message"), message},
                {QStringLiteral("context"), context}};
    }
};

inline Error makeError(QString code, QString message, QString context = {})
{
    return Error{std::move(code), std::move(message), std::move(context)};
}

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

} // namespace rendition
