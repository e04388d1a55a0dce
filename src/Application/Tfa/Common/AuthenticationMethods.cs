namespace Auth.Application.Tfa.Common;

/// <summary>How a session was signed in: its RFC 8176 <c>amr</c> values, and the name the audit trail records.</summary>
public sealed record SignInMethod(IReadOnlyList<string> Amr, string AuditName);

/// <summary>
/// The ways of signing in. An authenticator-app code and an emailed code are both one-time passwords (<c>otp</c>); a
/// backup token is a second factor (<c>mfa</c>) but not an OTP device, so it adds only <c>mfa</c> — a relying app that
/// wants a real OTP device can tell the difference.
/// </summary>
public static class AuthenticationMethods
{
    public static readonly SignInMethod Password = new(["pwd"], "pwd");

    /// <summary>A TFA user on a remembered device: only the password was presented now, and <c>amr</c> says just that.</summary>
    public static readonly SignInMethod PasswordOnRememberedDevice = new(["pwd"], "pwd+remembered_device");
    public static readonly SignInMethod PasswordAndOtp = new(["pwd", "otp", "mfa"], "pwd+otp");
    public static readonly SignInMethod PasswordAndBackupToken = new(["pwd", "mfa"], "pwd+backup_token");
}
