namespace Auth.Domain.ApiKeys;

/// <summary>
/// What an API key may do on the admin API. There is deliberately no scope for keys or roles: only an administrator's
/// own, freshly signed-in session creates keys or changes roles.
/// </summary>
public static class ApiKeyScopes
{
    public const string UsersRead = "users:read";
    public const string UsersWrite = "users:write";
    public const string AuditRead = "audit:read";
    public const string EmailsRead = "emails:read";
    public const string EmailsWrite = "emails:write";

    public static readonly IReadOnlyList<string> All = [UsersRead, UsersWrite, AuditRead, EmailsRead, EmailsWrite];
}
