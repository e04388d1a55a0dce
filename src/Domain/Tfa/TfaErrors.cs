using Auth.Domain.Common;

namespace Auth.Domain.Tfa;

public static class TfaErrors
{
    public static readonly Error InvalidCode =
        Error.Forbidden("tfa.invalid_code", "The code is not valid.");

    public static readonly Error CodeReplayed =
        Error.Forbidden("tfa.code_replayed", "This code was already used; wait for the next one.");

    public static readonly Error ChallengeClosed =
        Error.Unauthorized("tfa.challenge_closed", "This sign-in attempt is no longer valid; log in again.");

    public static readonly Error InvalidBackupToken =
        Error.Forbidden("tfa.invalid_backup_token", "The backup token is not valid.");

    public static readonly Error NoBackupTokensLeft =
        Error.NotFound("tfa.no_backup_tokens", "No unused backup tokens are left.");

    public static readonly Error AlreadyEnabled =
        Error.Validation("tfa.already_enabled", "Two-factor authentication is already enabled.");

    public static readonly Error NotEnabled =
        Error.Validation("tfa.not_enabled", "Two-factor authentication is not enabled.");

    public static readonly Error NoPendingEnrollment =
        Error.Validation("tfa.no_pending_enrollment", "There is no enrollment to confirm; call enable_tfa first.");

    public static readonly Error WrongConfirmationCode =
        Error.Validation("tfa.invalid_code", "The confirmation code is not valid.");

    public static readonly Error SecondFactorLocked =
        Error.Forbidden("tfa.second_factor_locked", "Too many wrong second factors; an administrator must unlock this account.");

    public static readonly Error SecretNotRetrievable =
        Error.Conflict("tfa.secret_not_retrievable", "The secret of a confirmed authenticator is never shown again; enroll a new device instead.");

    public static readonly Error NotACodeGenerator =
        Error.Validation("tfa.not_code_generator", "Only an authenticator-app device has a QR code.");

    public static readonly Error NotAnEmailDevice =
        Error.Validation("tfa.not_email_device", "Codes are sent by email only for an email device.");

    public static Error ResendTooSoon(TimeSpan retryAfter) =>
        Error.TooManyRequests("tfa.resend_too_soon", "A code was sent moments ago; wait before asking again.") with { RetryAfter = retryAfter };

    public static readonly Error ResendLimitReached =
        Error.TooManyRequests("tfa.resend_limit", "No more codes can be sent for this sign-in attempt; log in again.");
}
