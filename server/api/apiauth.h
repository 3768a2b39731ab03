// Bearer authentication of API calls: "Authorization: Bearer <JWT>" whose token verifies
// (with exp) and names an existing user. On failure the call is answered (401 / 403) and
// nullopt returned, so handlers simply return.
#pragma once

#include "server/api/apicall.h"
#include "server/api/apicontext.h"

#include "common/contract/userprofile.h"
#include "server/chat/tokenverifier.h"

#include <optional>

namespace craftchat::api {

// The token of an "Authorization: Bearer <token>" header (scheme case-insensitive), or empty.
QString bearerToken(const http::HttpRequest &request);

std::optional<contract::UserProfile> authenticate(const ApiContext &ctx, const ApiCall &call);
// The same check on a request head alone (before its body is read); logs a failure, answers nothing.
std::optional<contract::UserProfile> authenticateRequest(const ApiContext &ctx, const http::HttpRequest &request);
// authenticate() that also gives the token's claims (logout, refresh, password change).
std::optional<chat::TokenVerifier::Verified> authenticateToken(const ApiContext &ctx, const ApiCall &call);
// authenticate() plus a role check (403 FORBIDDEN with `why`).
std::optional<contract::UserProfile> authenticateRole(const ApiContext &ctx, const ApiCall &call, const QString &role,
                                                      const QString &why);

} // namespace craftchat::api
