using Auth.Application.Audit.GetSecurityActivity;
using Auth.Domain.Audit;

namespace Auth.WebApi.Pages;

/// <summary>
/// What the account page shows people instead of the service's vocabulary: "Chrome on Linux" for a user-agent string,
/// "Signed in" / "Wrong password" for an audit event. The raw values stay in the JSON API and the admin audit log.
/// </summary>
public static class PlainWords
{
    private static readonly Dictionary<string, (string Done, string Failed)> Events = new(StringComparer.Ordinal)
    {
        ["login.succeeded"] = ("Signed in", "Sign-in refused"),
        ["login.failed"] = ("Wrong password", "Wrong password"),
        ["tfa.passed"] = ("Second step passed", "Second step failed"),
        ["tfa.failed"] = ("Wrong second-step code", "Wrong second-step code"),
        ["tfa.step_up_failed"] = ("Wrong code when confirming a change", "Wrong code when confirming a change"),
        ["auth.reauthentication_failed"] = ("Wrong password when confirming a change", "Wrong password when confirming a change"),
        ["tfa.code_replay_blocked"] = ("A used code was tried again", "A used code was tried again"),
        ["tfa.backup_token_used"] = ("Signed in with a backup token", "Backup token refused"),
        ["auth.throttling_started"] = ("Sign-ins slowed down after wrong passwords", "Sign-ins slowed down after wrong passwords"),
        ["tfa.second_factor_locked"] = ("Two-step sign-in locked after wrong codes", "Two-step sign-in locked after wrong codes"),
        ["tfa.second_factor_unlocked"] = ("Two-step sign-in unlocked", "Unlock refused"),
        ["tfa.enabled"] = ("Two-step verification turned on", "Turning on two-step verification failed"),
        ["tfa.disabled"] = ("Two-step verification turned off", "Turning off two-step verification failed"),
        ["tfa.backup_tokens_regenerated"] = ("New backup tokens made", "New backup tokens refused"),
        ["password.changed"] = ("Password changed", "Password change refused"),
        ["password.reset_requested"] = ("Password reset asked for", "Password reset asked for"),
        ["password.reset"] = ("Password reset", "Password reset refused"),
        ["account.email_verification_sent"] = ("Confirmation link emailed", "Confirmation link not sent"),
        ["account.link_suppressed"] = ("Too many links asked for: none sent", "Too many links asked for: none sent"),
        ["account.email_verified"] = ("Email address confirmed", "Confirmation refused"),
        ["session.revoked"] = ("Signed out", "Sign-out refused"),
        ["session.refresh_token_reuse"] = ("A used sign-in token was presented again: session ended", "A used sign-in token was presented again"),
        ["session.code_reuse"] = ("A used app code was presented again: session ended", "A used app code was presented again"),
        ["admin.roles_changed"] = ("Roles changed by an administrator", "Role change refused"),
        ["admin.throttle_cleared"] = ("Unlocked by an administrator", "Unlock refused"),
        ["admin.sessions_revoked"] = ("Signed out everywhere by an administrator", "Sign-out refused"),
        ["admin.user_disabled"] = ("Account disabled by an administrator", "Disabling refused"),
        ["admin.user_enabled"] = ("Account enabled by an administrator", "Enabling refused"),
        ["admin.tfa_reset"] = ("Two-step verification reset by an administrator", "Reset refused"),
        ["admin.password_reset_sent"] = ("Password reset link sent by an administrator", "Reset link not sent"),
        ["consent.granted"] = ("App allowed", "App not allowed"),
        ["consent.revoked"] = ("App's access withdrawn", "Withdrawal refused"),
        ["passkey.registered"] = ("Passkey added", "Passkey not added"),
        ["passkey.renamed"] = ("Passkey renamed", "Passkey not renamed"),
        ["passkey.removed"] = ("Passkey removed", "Passkey not removed"),
        ["passkey.failed"] = ("Passkey refused", "Passkey refused"),
        ["factor.bound"] = ("New sign-in method confirmed by email", "Confirmation refused"),
    };

    /// <summary>A sentence for one security event, with the sign-in method when it says one.</summary>
    public static string Activity(SecurityEventDto item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var failed = item.Outcome == AuditOutcome.Failure;
        var words = Events.TryGetValue(item.Type, out var phrase) ? (failed ? phrase.Failed : phrase.Done) : item.Type;
        return item.Type == "login.succeeded" && Method(item.Reason) is { } method ? $"{words} {method}" : words;
    }

    private static string? Method(string? reason) => reason switch
    {
        "pwd" => "with the password",
        "pwd+otp" => "with the password and an authenticator code",
        "pwd+email_otp" or "pwd+email" => "with the password and an emailed code",
        "pwd+backup_token" => "with the password and a backup token",
        "passkey" => "with a passkey",
        { } other when other.Contains("hwk", StringComparison.Ordinal) => "with the password and a passkey",
        _ => null,
    };

    /// <summary>"Chrome on Linux", "Safari on iOS", "curl": the browser and system a user-agent string names.</summary>
    public static string Device(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }

        var ua = userAgent;
        string? browser = ua switch
        {
            _ when ua.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            _ when ua.Contains("OPR/", StringComparison.Ordinal) => "Opera",
            _ when ua.Contains("Firefox/", StringComparison.Ordinal) || ua.Contains("FxiOS/", StringComparison.Ordinal) => "Firefox",
            _ when ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("CriOS/", StringComparison.Ordinal) => "Chrome",
            _ when ua.Contains("Safari/", StringComparison.Ordinal) && ua.Contains("Version/", StringComparison.Ordinal) => "Safari",
            _ => null,
        };
        string? system = ua switch
        {
            _ when ua.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when ua.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when ua.Contains("iPhone", StringComparison.Ordinal) => "iOS",
            _ when ua.Contains("iPad", StringComparison.Ordinal) => "iPadOS",
            _ when ua.Contains("CrOS", StringComparison.Ordinal) => "ChromeOS",
            _ when ua.Contains("Mac OS X", StringComparison.Ordinal) || ua.Contains("Macintosh", StringComparison.Ordinal) => "macOS",
            _ when ua.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => null,
        };
        return (browser, system) switch
        {
            ({ } b, { } s) => $"{b} on {s}",
            ({ } b, null) => b,
            (null, { } s) => $"A browser on {s}",
            _ => ua.Split('/', ' ')[0] is { Length: > 0 and <= 40 } program ? program : "Unknown device",
        };
    }
}
