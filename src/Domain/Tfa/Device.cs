using Auth.Domain.Common;

namespace Auth.Domain.Tfa;

public enum DeviceStatus
{
    /// <summary>Enrolled but not yet proven with a code: TFA is not enforced.</summary>
    Pending,
    Active,
}

/// <summary>A user's second factor. An authenticator app holds a TOTP secret, stored only encrypted.</summary>
public sealed class Device
{
    private Device()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public DeviceType Type { get; private set; }

    public DeviceStatus Status { get; private set; }

    /// <summary>The TOTP secret encrypted under the key <see cref="SecretKeyId"/> (code generators only).</summary>
    public byte[]? SecretCiphertext { get; private set; }

    public string? SecretKeyId { get; private set; }

    /// <summary>
    /// The last TOTP time step accepted (RFC 6238 §5.2: a code is accepted once). Also a concurrency token, so two
    /// nodes or parallel requests cannot both accept the same step.
    /// </summary>
    public long? LastAcceptedTimeStep { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ActivatedAt { get; private set; }

    /// <summary>
    /// When the device was bound at the level it gives (<c>mfa</c>): enrolled from a session that already proved a
    /// bound second factor, proven through the mailbox (an emailed-code device, or the link in the email that announced
    /// it). Null while it gives no more than the password: someone who holds only the password can enrol a device, but
    /// not make it raise their level (NIST SP 800-63B §6.1.2).
    /// </summary>
    public DateTimeOffset? BoundAt { get; private set; }

    public bool IsActive => Status == DeviceStatus.Active;

    public bool IsBound => BoundAt is not null;

    /// <param name="id">Chosen before enrollment, because the secret is encrypted bound to it.</param>
    public static Device EnrollCodeGenerator(Guid id, Guid userId, string secretKeyId, byte[] secretCiphertext, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretKeyId);
        ArgumentNullException.ThrowIfNull(secretCiphertext);
        return new Device
        {
            Id = id,
            UserId = userId,
            Type = DeviceType.CodeGenerator,
            Status = DeviceStatus.Pending,
            SecretKeyId = secretKeyId,
            SecretCiphertext = secretCiphertext,
            CreatedAt = now,
        };
    }

    public static Device EnrollEmail(Guid userId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        Type = DeviceType.Email,
        Status = DeviceStatus.Pending,
        CreatedAt = now,
    };

    public void Activate(DateTimeOffset now)
    {
        Status = DeviceStatus.Active;
        ActivatedAt ??= now;
    }

    public void Bind(DateTimeOffset now) => BoundAt ??= now;

    /// <summary>Accepts a matched TOTP time step unless it, or a later one, was accepted before.</summary>
    public Result<Success> AcceptTimeStep(long timeStep)
    {
        if (Type != DeviceType.CodeGenerator)
        {
            throw new InvalidOperationException("Only a code generator has TOTP time steps.");
        }

        if (LastAcceptedTimeStep is { } last && timeStep <= last)
        {
            return TfaErrors.CodeReplayed;
        }

        LastAcceptedTimeStep = timeStep;
        return Success.Instance;
    }
}
