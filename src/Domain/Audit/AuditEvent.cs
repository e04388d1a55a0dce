using System.Globalization;
using System.Text;

namespace Auth.Domain.Audit;

public enum AuditOutcome
{
    Success,
    Failure,
}

/// <summary>
/// A security event: what happened, to whom, from where, and how it ended. Never a password, code, token or secret;
/// text the client controls (the user agent) has its control characters escaped so it cannot forge log lines.
/// </summary>
public sealed class AuditEvent
{
    public const int MaxUserAgentLength = 256;

    private AuditEvent()
    {
        Type = null!;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string Type { get; private set; }

    public Guid? UserId { get; private set; }

    /// <summary>Who acted, when not the user themself (an administrator).</summary>
    public Guid? ActorId { get; private set; }

    public AuditOutcome Outcome { get; private set; }

    /// <summary>A stable reason code, e.g. <c>invalid_password</c>.</summary>
    public string? Reason { get; private set; }

    public string? ClientIp { get; private set; }

    public string? UserAgent { get; private set; }

    /// <summary>The OpenID Connect client whose token did this, when an app acted for the user.</summary>
    public string? ClientId { get; private set; }

    public const int MaxClientIdLength = 100;

    /// <param name="clientId">The app whose token the request came with, if any.</param>
    public static AuditEvent Record(
        string type, Guid? userId, AuditOutcome outcome, string? reason, string? clientIp, string? userAgent, DateTimeOffset now, Guid? actorId = null,
        string? clientId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return new AuditEvent
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            Type = type,
            UserId = userId,
            ActorId = actorId,
            Outcome = outcome,
            Reason = reason,
            ClientIp = clientIp is { Length: > 45 } ? clientIp[..45] : clientIp,
            UserAgent = Encode(userAgent, MaxUserAgentLength),
            ClientId = Encode(clientId, MaxClientIdLength),
        };
    }

    /// <summary>Escapes control characters (CR, LF, ...) as <c>\uXXXX</c> and truncates.</summary>
    public static string? Encode(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }

            if (builder.Length >= maxLength)
            {
                break;
            }
        }

        return builder.Length > maxLength ? builder.ToString(0, maxLength) : builder.ToString();
    }
}

/// <summary>The event types recorded; stable strings, safe to filter on.</summary>
public static class AuditEventTypes
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string TfaPassed = "tfa.passed";
    public const string TfaFailed = "tfa.failed";
    public const string StepUpFailed = "tfa.step_up_failed";
    public const string ReauthenticationFailed = "auth.reauthentication_failed";
    public const string CodeReplayBlocked = "tfa.code_replay_blocked";
    public const string BackupTokenUsed = "tfa.backup_token_used";
    public const string ThrottlingStarted = "auth.throttling_started";
    public const string SecondFactorLocked = "tfa.second_factor_locked";
    public const string SecondFactorUnlocked = "tfa.second_factor_unlocked";
    public const string TfaEnabled = "tfa.enabled";
    public const string TfaDisabled = "tfa.disabled";
    public const string BackupTokensRegenerated = "tfa.backup_tokens_regenerated";
    public const string PasswordChanged = "password.changed";
    public const string PasswordResetRequested = "password.reset_requested";
    public const string PasswordReset = "password.reset";
    public const string EmailVerificationSent = "account.email_verification_sent";
    public const string LinkSuppressed = "account.link_suppressed";
    public const string EmailVerified = "account.email_verified";
    public const string SignupDeclined = "account.signup_declined";
    public const string SessionRevoked = "session.revoked";
    public const string RefreshTokenReuseDetected = "session.refresh_token_reuse";
    public const string CodeReuseDetected = "session.code_reuse";
    public const string UserCreated = "admin.user_created";
    public const string RolesChanged = "admin.roles_changed";
    public const string ThrottleCleared = "admin.throttle_cleared";
    public const string SessionsRevokedByAdmin = "admin.sessions_revoked";
    public const string UserDisabled = "admin.user_disabled";
    public const string UserEnabled = "admin.user_enabled";
    public const string TfaResetByAdmin = "admin.tfa_reset";
    public const string PasswordResetSentByAdmin = "admin.password_reset_sent";
    public const string ApiKeyCreated = "admin.api_key_created";
    public const string ApiKeyRevoked = "admin.api_key_revoked";
    public const string ClientCreated = "admin.client_created";
    public const string ClientDeleted = "admin.client_deleted";
    public const string ConsentGranted = "consent.granted";
    public const string ConsentRevoked = "consent.revoked";
    public const string EmailRetried = "admin.email_retried";
    public const string PasskeyRegistered = "passkey.registered";
    public const string PasskeyRenamed = "passkey.renamed";
    public const string PasskeyRemoved = "passkey.removed";
    public const string PasskeyFailed = "passkey.failed";
    public const string FactorBound = "factor.bound";
}
