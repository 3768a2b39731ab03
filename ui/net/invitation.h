// An invitation to a server: its https address, the SHA-256 fingerprint of its certificate
// (so that opening the invitation trusts exactly that certificate) and, when the server's
// registration is closed, a single-use invitation code. As text:
//   craftchat://join?server=<percent-encoded https://host:port>&fp=<64 hex>&code=<code>
// The host panel shows it as text and QR code; the start window opens it pasted into the
// address field or given on the command line. Parsing is strict: anything else is refused.
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <optional>

namespace craftchat::ui {

struct Invitation
{
    QUrl server;       // https://host:port (no path, no user information)
    QByteArray sha256; // the certificate's fingerprint, 32 bytes
    QString code;      // the invitation code, "" when none is needed

    static constexpr int MaxTextLength = 1024;
    static constexpr int MaxCodeLength = 64;

    bool isValid() const;
    QString toString() const;
    // nullopt for anything but a well-formed invitation.
    static std::optional<Invitation> parse(const QString &text);
    // True when text is meant as an invitation (starts with "craftchat:"), valid or not.
    static bool looksLikeInvitation(const QString &text);
};

} // namespace craftchat::ui
