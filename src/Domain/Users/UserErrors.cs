using Auth.Domain.Common;

namespace Auth.Domain.Users;

public static class UserErrors
{
    /// <summary>One answer for an unknown email and a wrong password, so callers cannot enumerate accounts.</summary>
    public static readonly Error InvalidCredentials =
        Error.Unauthorized("auth.invalid_credentials", "Incorrect email or password.");

    /// <summary>Too many consecutive failures for this login name; the same answer whether or not the account exists.</summary>
    public static Error Throttled(TimeSpan retryAfter) =>
        Error.TooManyRequests("auth.throttled", "Too many failed attempts; wait before trying again.") with { RetryAfter = retryAfter };

    /// <summary>Only after the password was proven right, so it tells nothing to someone guessing.</summary>
    public static readonly Error Disabled =
        Error.Forbidden("auth.account_disabled", "This account is disabled; contact your administrator.");

    /// <summary>Only after the password was proven right; the owner can ask for a new verification link.</summary>
    public static readonly Error EmailUnverified =
        Error.Forbidden("auth.email_unverified", "Verify your email address first; we sent you a link (you can ask for a new one).");

    /// <summary>A state change (disable, new password, sign-out everywhere) committed while this sign-in was checked.</summary>
    public static readonly Error AccountChanged =
        Error.Conflict("auth.account_changed", "The account changed while signing in; sign in again.");

    /// <summary>The sign-in behind this token is older than the operation allows, and no password came with it.</summary>
    public static Error ReauthenticationRequired(TimeSpan maxAge) =>
        Error.Unauthorized("auth.reauthentication_required", "Sign in again (or send your current password) to make this change.")
            with { MaxAuthenticationAge = maxAge };

    public static readonly Error InvalidVerificationToken =
        Error.Validation("auth.verification_token_invalid", "The verification link is invalid, expired or already used; ask for a new one.");

    public static readonly Error InvalidBindingToken =
        Error.Validation("auth.binding_token_invalid", "The confirmation link is invalid, expired or already used, or the factor it names was removed.");

    public static readonly Error InvalidUnlockToken =
        Error.Validation("auth.unlock_token_invalid", "The unlock link is invalid, expired or already used.");

    public static readonly Error InvalidResetToken =
        Error.Validation("auth.reset_token_invalid", "The reset link is invalid, expired or already used; ask for a new one.");

    public static readonly Error EmailAlreadyRegistered =
        Error.Conflict("auth.email_taken", "An account with this email already exists.");

    public static readonly Error NotFound =
        Error.NotFound("user.not_found", "The user does not exist.");

    public static readonly Error LastAdministrator =
        Error.Conflict("admin.last_administrator", "This is the only enabled administrator: make another administrator first.");

    public static readonly Error WrongCurrentPassword =
        Error.Forbidden("auth.wrong_current_password", "The current password is incorrect.");
}
