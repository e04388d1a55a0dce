namespace Auth.WebApi.Contracts;

/// <summary><c>password</c> is needed only when the administrator's sign-in is older than Accounts:ReauthenticationWindow.</summary>
public sealed record SetRolesRequest(IReadOnlyList<string>? Roles, string? Password = null)
{
    public override string ToString() => nameof(SetRolesRequest);
}

public sealed record RolesResponse(IReadOnlyList<string> Roles);

public sealed record ResetTfaRequest(string? Reason);

/// <summary>
/// A client registration; <c>first_party</c> apps skip the consent page. <c>redirect_uris</c> is needed by every client
/// that signs users in (the authorization code grant, the default).
/// </summary>
public sealed record CreateClientRequest(
    string? ClientId,
    string? ClientType,
    string? DisplayName = null,
    bool FirstParty = false,
    IReadOnlyList<string>? RedirectUris = null,
    IReadOnlyList<string>? PostLogoutRedirectUris = null,
    IReadOnlyList<string>? Scopes = null,
    IReadOnlyList<string>? GrantTypes = null);

/// <summary><c>scopes</c> from users:read, users:write, audit:read, emails:read, emails:write; <c>password</c> as for roles.</summary>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt = null, string? Password = null)
{
    public override string ToString() => nameof(CreateApiKeyRequest);
}
