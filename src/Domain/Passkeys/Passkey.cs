using Auth.Domain.Common;

namespace Auth.Domain.Passkeys;

/// <summary>
/// A WebAuthn credential registered to a user: the authenticator keeps the private key, we keep its public key (COSE)
/// and what the assertions tell us. The credential id is unique across all users.
/// </summary>
public sealed class Passkey
{
    public const int MaxNameLength = 100;

    /// <summary>Enough for every device a person owns; a bound on what one account can make us store and list.</summary>
    public const int MaxPerUser = 20;

    /// <summary>WebAuthn's limit on a credential id (§ credential id: at most 1023 bytes).</summary>
    public const int MaxCredentialIdLength = 1023;

    private Passkey()
    {
        CredentialId = null!;
        PublicKey = null!;
        Name = null!;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public byte[] CredentialId { get; private set; }

    /// <summary>The credential's public key as the authenticator sent it (a COSE key).</summary>
    public byte[] PublicKey { get; private set; }

    public string Name { get; private set; }

    /// <summary>
    /// The authenticator's signature counter at the last use. Many passkeys (synced ones especially) always send 0:
    /// then 0 on both sides means "no counter", and only the single-use challenge stops a replay.
    /// </summary>
    public long SignCount { get; private set; }

    /// <summary>How the browser can reach the authenticator (usb, nfc, ble, internal, hybrid), comma-separated.</summary>
    public string? Transports { get; private set; }

    /// <summary>The authenticator verified the user (PIN or biometric) when the passkey was registered.</summary>
    public bool IsUserVerified { get; private set; }

    /// <summary>The key may be copied to the user's other devices (a synced passkey); false for a device-bound key.</summary>
    public bool IsBackupEligible { get; private set; }

    /// <summary>The key was backed up (synced) at its last use.</summary>
    public bool IsBackedUp { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>
    /// When the passkey was bound at the level it gives: registered from a session that proved a bound second factor or
    /// passkey, or confirmed through the link in the email that announced it. Until then it signs no one in on its own
    /// and, as a second step, gives no more than the password.
    /// </summary>
    public DateTimeOffset? BoundAt { get; private set; }

    public bool IsBound => BoundAt is not null;

    /// <summary>A synced passkey lives in software on several devices (<c>swk</c>); a device-bound one in one authenticator (<c>hwk</c>).</summary>
    public bool IsSynced => IsBackupEligible;

    public static Passkey Register(
        Guid userId, byte[] credentialId, byte[] publicKey, string name, long signCount, IEnumerable<string>? transports,
        bool isUserVerified, bool isBackupEligible, bool isBackedUp, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credentialId);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (credentialId.Length is 0 or > MaxCredentialIdLength)
        {
            throw new ArgumentOutOfRangeException(nameof(credentialId), "A credential id has 1 to 1023 bytes.");
        }

        return new Passkey
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            CredentialId = credentialId,
            PublicKey = publicKey,
            Name = NameOrDefault(name, isBackupEligible),
            SignCount = signCount,
            Transports = transports is null ? null : string.Join(',', transports.Where(t => t.Length > 0)) is { Length: > 0 } joined ? joined : null,
            IsUserVerified = isUserVerified,
            IsBackupEligible = isBackupEligible,
            IsBackedUp = isBackedUp,
            CreatedAt = now,
        };
    }

    public IReadOnlyList<string> TransportList => Transports?.Split(',') ?? [];

    public Result<Success> Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            return PasskeyErrors.InvalidName;
        }

        Name = name.Trim();
        return Success.Instance;
    }

    /// <summary>
    /// Records a verified assertion. The verifier has already refused a counter that did not move forward (unless both
    /// are 0); this keeps the highest one seen, so two parallel sign-ins cannot move it back.
    /// </summary>
    public void Bind(DateTimeOffset now) => BoundAt ??= now;

    public void RecordUse(long signCount, bool isBackedUp, DateTimeOffset now)
    {
        SignCount = Math.Max(SignCount, signCount);
        IsBackedUp = isBackedUp;
        LastUsedAt = now;
    }

    private static string NameOrDefault(string? name, bool synced) =>
        string.IsNullOrWhiteSpace(name) ? (synced ? "Synced passkey" : "Security key")
        : name.Trim().Length > MaxNameLength ? name.Trim()[..MaxNameLength]
        : name.Trim();
}
