using Auth.Domain.Common;
using Auth.Domain.Users;

namespace Auth.Application.Common.Interfaces;

/// <summary>
/// WebAuthn's two ceremonies, verified by a maintained implementation (attestation and assertion: challenge, origin,
/// RP id, flags, signature, counter). The state it returns with the options is what it needs to verify the answer;
/// the caller keeps it server-side and hands it back once.
/// </summary>
public interface IPasskeyVerifier
{
    /// <summary>Options for <c>navigator.credentials.create()</c>, excluding the user's registered credentials.</summary>
    Task<CeremonyOptions> CreateRegistrationOptionsAsync(User user, CancellationToken cancellationToken);

    /// <summary>Options for <c>navigator.credentials.get()</c>: the user's credentials, or any discoverable one when null.</summary>
    Task<CeremonyOptions> CreateRequestOptionsAsync(User? user, CancellationToken cancellationToken);

    Task<Result<AttestedPasskey>> VerifyRegistrationAsync(string credentialJson, string state, CancellationToken cancellationToken);

    Task<Result<VerifiedAssertion>> VerifyAssertionAsync(string credentialJson, string state, CancellationToken cancellationToken);

    /// <summary>The credential id a browser's answer names (before it is verified), or null when it names none.</summary>
    byte[]? CredentialIdOf(string credentialJson);
}

public sealed record CeremonyOptions(string OptionsJson, string State)
{
    public override string ToString() => nameof(CeremonyOptions);
}

/// <summary>A new credential whose attestation was verified; not yet stored.</summary>
public sealed record AttestedPasskey(
    byte[] CredentialId, byte[] PublicKey, long SignCount, IReadOnlyList<string> Transports, bool IsUserVerified, bool IsBackupEligible,
    bool IsBackedUp);

/// <summary>A verified assertion by a stored credential of <paramref name="UserId"/>.</summary>
/// <param name="IsUserVerified">The authenticator verified the user (PIN or biometric) in this assertion.</param>
public sealed record VerifiedAssertion(Guid UserId, byte[] CredentialId, long SignCount, bool IsUserVerified, bool IsBackedUp);
