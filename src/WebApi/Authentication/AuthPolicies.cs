using System.Security.Claims;
using Auth.Domain.ApiKeys;
using Auth.Domain.Users;

namespace Auth.WebApi.Authentication;

/// <summary>
/// Who may use the admin API. Every admin action names one of these policies: a scope (an administrator's token, or
/// an API key holding that scope) or <see cref="AdminSession"/> (an administrator's own token; never a key).
/// </summary>
public static class AuthPolicies
{
    /// <summary>The admin API's floor: an administrator's token or any API key. Each action adds its own policy.</summary>
    public const string Administration = "administration";

    /// <summary>Key management and role changes: an administrator's own session only (the handlers also ask for a fresh sign-in).</summary>
    public const string AdminSession = "admin_session";

    public const string UsersRead = ApiKeyScopes.UsersRead;
    public const string UsersWrite = ApiKeyScopes.UsersWrite;
    public const string AuditRead = ApiKeyScopes.AuditRead;
    public const string EmailsRead = ApiKeyScopes.EmailsRead;
    public const string EmailsWrite = ApiKeyScopes.EmailsWrite;

    /// <summary>
    /// An administrator's own token (never an app's, whatever its user may do), or an API key identity holding
    /// <paramref name="scope"/> (or any scope when null).
    /// </summary>
    public static bool Allows(ClaimsPrincipal user, string? scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        return IsAdministratorsOwnToken(user) || user.Identities.Any(identity =>
            identity.IsAuthenticated && identity.AuthenticationType == AuthSchemes.ApiKey
            && (scope is null ? identity.HasClaim(c => c.Type == ApiKeyClaims.Scope) : identity.HasClaim(ApiKeyClaims.Scope, scope)));
    }

    /// <summary>
    /// An administrator signed in to Auth itself: a token the provider issued to an app (it names its <c>client_id</c>)
    /// speaks for the app, and no app is given the admin API.
    /// </summary>
    public static bool IsAdministratorsOwnToken(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Admin) && !user.HasClaim(c => c.Type == AppTokenClaims.ClientId);
    }
}

public static class AppTokenClaims
{
    /// <summary>Carried by every access token the OpenID Connect provider issues to an app, never by the JSON API's own.</summary>
    public const string ClientId = "client_id";
}

public static class ApiKeyClaims
{
    public const string Scope = "scope";
}
