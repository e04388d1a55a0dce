namespace Auth.Application.Auth.ForgotPassword;

public sealed class PasswordResetOptions
{
    public const string SectionName = "PasswordReset";

    /// <summary>The page that takes the token: the email links to <c>{LinkBase}?token={token}</c>. Auth's own page under
    /// <c>Jwt:Issuer</c> (<c>{issuer}/reset-password</c>) unless set. Always from configuration, never from the request's Host header.</summary>
    public string LinkBase { get; set; } = "";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
