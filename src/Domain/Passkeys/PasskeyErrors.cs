using Auth.Domain.Common;

namespace Auth.Domain.Passkeys;

public static class PasskeyErrors
{
    public static readonly Error NotFound =
        Error.NotFound("passkey.not_found", "There is no such passkey.");

    public static readonly Error InvalidName =
        Error.Validation("passkey.invalid_name", $"A passkey's name has 1 to {Passkey.MaxNameLength} characters.");

    /// <summary>The ceremony was used already, expired, or belongs to another sign-in: the browser must start again.</summary>
    public static readonly Error CeremonyClosed =
        Error.Unauthorized("passkey.ceremony_closed", "This passkey request is no longer valid; try again.");

    /// <summary>Any refused assertion: unknown or removed credential, wrong signature, origin, RP id, replay, or another user's key.</summary>
    public static readonly Error Refused =
        Error.Unauthorized("passkey.refused", "The passkey was not accepted.");

    public static readonly Error RegistrationRefused =
        Error.Validation("passkey.registration_refused", "The passkey could not be registered; try again.");

    public static readonly Error AlreadyRegistered =
        Error.Conflict("passkey.already_registered", "This passkey is already registered.");

    public static readonly Error UserVerificationRequired =
        Error.Unauthorized("passkey.user_verification_required", "Signing in with a passkey alone needs its PIN or biometric check.");

    /// <summary>A passkey added after a password-only sign-in signs no one in on its own until the link emailed with it binds it.</summary>
    public static readonly Error NotBound =
        Error.Unauthorized("passkey.not_bound", "This passkey is not confirmed yet: open the link in the email sent when it was added, or sign in with your password.");

    public static readonly Error LimitReached =
        Error.Conflict("passkey.limit_reached", $"An account can have at most {Passkey.MaxPerUser} passkeys.");
}
