namespace Auth.Application.Passkeys.Common;

/// <summary>Settings of WebAuthn (section <c>Passkeys</c>); unset values follow <c>Jwt:Issuer</c>, the service's public address.</summary>
public sealed class PasskeyOptions
{
    public const string SectionName = "Passkeys";

    /// <summary>
    /// The RP id passkeys are bound to: the issuer's host, or a registrable parent domain of it (<c>example.com</c> for
    /// <c>auth.example.com</c>). Changing it later makes every registered passkey unusable.
    /// </summary>
    public string? RelyingPartyId { get; set; }

    /// <summary>The origins a browser may run a ceremony from (exact <c>scheme://host[:port]</c>); the issuer's origin when empty.</summary>
    public IList<string> Origins { get; } = [];

    /// <summary>
    /// <c>required</c> (default): every ceremony needs the authenticator's PIN or biometric check; <c>preferred</c>: a
    /// passkey without one may still be a second factor. Signing in with a passkey alone always needs it.
    /// </summary>
    public string UserVerification { get; set; } = "required";

    /// <summary>How long the browser has to answer a ceremony (the authenticator's timeout, and the challenge's life).</summary>
    public TimeSpan CeremonyLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
