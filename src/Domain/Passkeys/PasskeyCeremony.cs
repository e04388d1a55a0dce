namespace Auth.Domain.Passkeys;

public enum PasskeyCeremonyPurpose
{
    /// <summary>A signed-in user adds a passkey.</summary>
    Registration,

    /// <summary>Anyone signs in with a discoverable passkey alone (no password).</summary>
    SignIn,

    /// <summary>A password-verified sign-in proves its second factor with one of the user's passkeys.</summary>
    SecondFactor,
}

/// <summary>
/// The server's half of one WebAuthn ceremony: the options the browser was given (the challenge among them), kept here
/// rather than in the browser, and accepted once: taking it deletes it, so an answer cannot be replayed, and a
/// ceremony cannot outlive <see cref="ExpiresAt"/> or move to another user, session or sign-in.
/// </summary>
public sealed class PasskeyCeremony
{
    private PasskeyCeremony()
    {
        State = null!;
    }

    public Guid Id { get; private set; }

    public PasskeyCeremonyPurpose Purpose { get; private set; }

    /// <summary>The user it is for (registration and second factor); null for a passwordless sign-in.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>What it is bound to besides the user: the session (registration) or the TFA challenge (second factor).</summary>
    public Guid? BoundTo { get; private set; }

    /// <summary>The user's security stamp when it began: a password change, disable or sign-out-everywhere ends it.</summary>
    public Guid? UserSecurityStamp { get; private set; }

    /// <summary>The verifier's state for this ceremony (challenge and user entity); not a secret, the browser saw it.</summary>
    public string State { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public static PasskeyCeremony Begin(
        PasskeyCeremonyPurpose purpose, Guid? userId, Guid? boundTo, Guid? userSecurityStamp, string state, TimeSpan lifetime, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        return new PasskeyCeremony
        {
            Id = Guid.CreateVersion7(now),
            Purpose = purpose,
            UserId = userId,
            BoundTo = boundTo,
            UserSecurityStamp = userSecurityStamp,
            State = state,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
    }
}
