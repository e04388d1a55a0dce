using Auth.Domain.Common;

namespace Auth.Domain.Sessions;

public static class SessionErrors
{
    public static readonly Error InvalidRefreshToken =
        Error.Unauthorized("auth.invalid_refresh_token", "The refresh token is invalid, expired or revoked.");

    public static readonly Error RefreshTokenReused =
        Error.Unauthorized("auth.refresh_token_reused", "The refresh token was already used; the session has been revoked.");

    public static readonly Error NotFound =
        Error.NotFound("session.not_found", "The session does not exist.");
}
