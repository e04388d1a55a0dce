namespace Auth.WebApi.Contracts;

public sealed record SetRolesRequest(IReadOnlyList<string>? Roles);

public sealed record RolesResponse(IReadOnlyList<string> Roles);

public sealed record ResetTfaRequest(string? Reason);

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Roles, DateTimeOffset? ExpiresAt);
