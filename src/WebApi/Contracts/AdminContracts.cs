namespace Auth.WebApi.Contracts;

/// <summary><c>password</c> is needed only when the administrator's sign-in is older than Accounts:ReauthenticationWindow.</summary>
public sealed record SetRolesRequest(IReadOnlyList<string>? Roles, string? Password = null)
{
    public override string ToString() => nameof(SetRolesRequest);
}

public sealed record RolesResponse(IReadOnlyList<string> Roles);

public sealed record ResetTfaRequest(string? Reason);

/// <summary><c>scopes</c> from users:read, users:write, audit:read, emails:read, emails:write; <c>password</c> as for roles.</summary>
/// <summary>A client registration; <c>first_party</c> apps skip the consent page.</summary>
public sealed record CreateClientRequest(
    string? ClientId,
    string? DisplayName,
    string? ClientType,
    bool FirstParty,
    IReadOnlyList<string>? RedirectUris,
    IReadOnlyList<string>? PostLogoutRedirectUris,
    IReadOnlyList<string>? Scopes,
    IReadOnlyList<string>? GrantTypes);

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt, string? Password = null)
{
    public override string ToString() => nameof(CreateApiKeyRequest);
}
