namespace Auth.Application.Admin.Clients;

/// <summary>A registered client as administrators see it (never its secret).</summary>
/// <param name="FirstParty">An app of the same organisation: its users are not asked for consent.</param>
public sealed record ClientDto(
    string ClientId,
    string DisplayName,
    string ClientType,
    bool FirstParty,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> GrantTypes);

/// <summary>A user's remembered yes to a third-party app.</summary>
public sealed record ConsentDto(string Id, string ClientId, string ClientName, IReadOnlyList<string> Scopes, DateTimeOffset? GrantedAt);

/// <summary>The vocabulary of client registration.</summary>
public static class ClientVocabulary
{
    public const string Public = "public";
    public const string Confidential = "confidential";

    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";

    public static readonly IReadOnlyList<string> ClientTypes = [Public, Confidential];

    public static readonly IReadOnlyList<string> GrantTypes = [AuthorizationCode, RefreshToken, ClientCredentials];

    /// <summary>
    /// Access to Auth's own JSON API on the user's behalf: only a token granted this scope is for the JSON API's
    /// audience (and never for the admin API). A client gets it only when an administrator registers it with it.
    /// </summary>
    public const string ApiScope = "api";

    public const string EmailScope = "email";
    public const string ProfileScope = "profile";
    public const string RolesScope = "roles";

    /// <summary>The scopes the provider offers; <c>openid</c> is needed for an ID token, <c>offline_access</c> for a refresh token.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["openid", ProfileScope, EmailScope, RolesScope, "offline_access", ApiScope];

    /// <summary>A client registered without a list may ask for every scope but <see cref="ApiScope"/>, which is granted by name only.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes = [.. Scopes.Where(s => s != ApiScope)];

    public static readonly IReadOnlyList<string> DefaultGrantTypes = [AuthorizationCode, RefreshToken];
}

public static class ClientErrors
{
    public static readonly Domain.Common.Error NotFound = Domain.Common.Error.NotFound("client.not_found", "No client has this client_id.");

    public static readonly Domain.Common.Error AlreadyExists =
        Domain.Common.Error.Conflict("client.already_exists", "A client with this client_id already exists.");
}
