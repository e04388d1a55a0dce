namespace Auth.Application.Tfa.Common;

/// <summary>
/// RFC 8176 <c>amr</c> values per way of signing in. An authenticator-app code and an emailed code are both one-time
/// passwords (<c>otp</c>); a backup token is a second factor (<c>mfa</c>) but not an OTP device, so it adds only
/// <c>mfa</c> — a relying app that wants a real OTP device can tell the difference.
/// </summary>
public static class AuthenticationMethods
{
    public static readonly IReadOnlyList<string> Password = ["pwd"];
    public static readonly IReadOnlyList<string> PasswordAndOtp = ["pwd", "otp", "mfa"];
    public static readonly IReadOnlyList<string> PasswordAndBackupToken = ["pwd", "mfa"];
}
