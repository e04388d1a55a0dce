using Auth.Domain.Users;

namespace Auth.WebApi.Authentication;

public static class AuthPolicies
{
    /// <summary>Administrators only; a valid token without the role gets 403.</summary>
    public const string Admin = Roles.Admin;
}
