namespace Auth.Domain.Users;

public static class Roles
{
    public const string User = "user";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [User, Admin];
}
