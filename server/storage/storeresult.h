// StoreResult<T>: a value or a classified error (C++20 has no std::expected).
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace craftchat::storage {

enum class StoreError {
    None,
    NotFound,         // no such row (user, chat, job, message, upload)
    Conflict,         // a unique key is taken (e.g. the email)
    ForeignKey,       // a referenced row does not exist
    NotParticipant,   // the user is not a participant of the chat, or the chat is inactive
    InvalidArgument,  // the arguments make no sense (bad limit, a `before` of another chat, ...)
    SchemaTooNew,     // the database was written by a newer version of the server
    Database,         // anything else the database reported (I/O, corruption, ...)
};

// Short stable name of an error, for logs and tests ("NotFound", ...).
QString storeErrorName(StoreError error);

struct StoreFailure
{
    StoreError error = StoreError::Database;
    QString message;
};

template <typename T>
class StoreResult
{
public:
    StoreResult(T value) : m_value(std::move(value)) {}                 // NOLINT: implicit success
    StoreResult(StoreFailure failure) : m_failure(std::move(failure)) {} // NOLINT: implicit failure

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    StoreError error() const { return ok() ? StoreError::None : m_failure.error; }
    const QString &errorMessage() const { return m_failure.message; }
    StoreFailure failure() const { return m_failure; }

    T &value() & { return *m_value; }
    const T &value() const & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    T &operator*() & { return *m_value; }
    const T &operator*() const & { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }

private:
    std::optional<T> m_value;
    StoreFailure m_failure;
};

} // namespace craftchat::storage
