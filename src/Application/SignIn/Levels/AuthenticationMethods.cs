namespace Auth.Application.SignIn.Levels;

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

    /// <summary>
    /// The password and a second factor that is not bound yet (enrolled after a password-only sign-in, not confirmed
    /// through the mailbox): it was presented, but it proves no more than the password did.
    /// </summary>
    public static readonly SignInMethod PasswordAndUnboundFactor = new(["pwd"], "pwd+unbound_factor");

    /// <summary>
    /// A passkey alone: <c>swk</c> for a synced key, <c>hwk</c> for a device-bound one; when the authenticator verified
    /// the user (PIN or biometric, which WebAuthn does not tell apart) also <c>user</c> and <c>mfa</c>: something held
    /// and something known or been.
    /// </summary>
    public static SignInMethod Passkey(bool synced, bool userVerified) =>
        new([KeyMethod(synced), .. userVerified ? new[] { "user", "mfa" } : []], "passkey");

    /// <summary>A password, then a passkey as the second factor.</summary>
    public static SignInMethod PasswordAndPasskey(bool synced, bool userVerified) =>
        new(["pwd", KeyMethod(synced), .. userVerified ? new[] { "user" } : [], "mfa"], "pwd+passkey");

    private static string KeyMethod(bool synced) => synced ? "swk" : "hwk";
}
