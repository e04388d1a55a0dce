namespace Auth.Application.Auth.ForgotPassword;

public sealed class PasswordResetOptions
{
    public const string SectionName = "PasswordReset";

    /// <summary>The page of your front end that takes the token: the email links to <c>{LinkBase}?token={token}</c>.
    /// Always from configuration, never from the request's Host header.</summary>
    public string LinkBase { get; set; } = "http://localhost:5000/reset-password";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
