// Result<T, E>: the value of a fallible operation or its error, the one shape for "value or
// error" in the project (C++20 has no std::expected). Result<void, E> is the form for
// operations that return nothing.
//
// E is the layer's error type. Most are Error<Code>, a code and a message:
//
//     storage::StoreResult<User> user = store.userById(id);   // Result<User, Error<StoreError>>
//     if (!user)
//         return user.failure();          // the Error<StoreError>, passed on
//     use(*user);
//
// For those, error() is the code (the code type's value-initialised enumerator, e.g.
// StoreError::None, for a success) and errorMessage() the message. The chat domain's
// ChatError carries more (its contract code and payload) and is used as it is.
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <utility>

namespace craftchat {

template <typename Code>
struct Error
{
    Code code{};
    QString message;
};

namespace detail {

// What every Result has: whether it failed, and the error when it did.
template <typename E>
class ResultBase
{
public:
    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }

    // The error; only meaningful when !ok().
    const E &failure() const { return m_failure; }
    auto error() const requires requires(const E &e) { e.code; }
    {
        return ok() ? decltype(m_failure.code){} : m_failure.code;
    }
    const QString &errorMessage() const requires requires(const E &e) { e.message; }
    {
        return m_failure.message;
    }

protected:
    ResultBase() = default;
    explicit ResultBase(E failure)
        : m_failed(true)
        , m_failure(std::move(failure))
    {}

private:
    bool m_failed = false;
    E m_failure{};
};

} // namespace detail

template <typename T, typename E>
class Result : public detail::ResultBase<E>
{
public:
    Result(T value)
        : m_value(std::move(value))
    {} // NOLINT: success
    Result(E failure)
        : detail::ResultBase<E>(std::move(failure))
    {} // NOLINT: failure

    T &value() &
    {
        Q_ASSERT(this->ok());
        return *m_value;
    }
    const T &value() const &
    {
        Q_ASSERT(this->ok());
        return *m_value;
    }
    T &&value() &&
    {
        Q_ASSERT(this->ok());
        return std::move(*m_value);
    }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

private:
    std::optional<T> m_value;
};

template <typename E>
class Result<void, E> : public detail::ResultBase<E>
{
public:
    Result() = default; // success
    Result(E failure)
        : detail::ResultBase<E>(std::move(failure))
    {} // NOLINT: failure
};

} // namespace craftchat
