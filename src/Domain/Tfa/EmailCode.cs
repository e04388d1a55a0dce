namespace Auth.Domain.Tfa;

public enum EmailCodePurpose
{
    /// <summary>Completes a login; bound to its <see cref="TfaChallenge"/>.</summary>
    SignIn,

    /// <summary>Confirms a pending email device; bound to that <see cref="Device"/>.</summary>
    Enrollment,

    /// <summary>Authorises a sensitive change by a signed-in user (disable TFA, new backup tokens); bound to the user.</summary>
    StepUp,
}

/// <summary>A 6-digit code sent by email: single use, short-lived, stored only as a keyed hash.</summary>
public sealed class EmailCode
{
    public const int MaxFailedAttempts = 5;

    private EmailCode()
    {
        CodeHash = null!;
        HashKeyId = null!;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public EmailCodePurpose Purpose { get; private set; }

    /// <summary>What the code is for: the challenge, the device or the user, by <see cref="Purpose"/>.</summary>
    public Guid BindingId { get; private set; }

    public byte[] CodeHash { get; private set; }

    public string HashKeyId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public int FailedAttempts { get; private set; }

    /// <summary>Set when used or replaced by a newer code; the concurrency token that makes the code single-use.</summary>
    public DateTimeOffset? ConsumedAt { get; private set; }

    public static EmailCode Issue(
        Guid userId, EmailCodePurpose purpose, Guid bindingId, string hashKeyId, byte[] codeHash, TimeSpan lifetime, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Purpose = purpose,
            BindingId = bindingId,
            HashKeyId = hashKeyId,
            CodeHash = codeHash,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };

    public bool IsUsable(DateTimeOffset now) => ConsumedAt is null && now < ExpiresAt && FailedAttempts < MaxFailedAttempts;

    public void Consume(DateTimeOffset now) => ConsumedAt ??= now;

    public void RecordFailure() => FailedAttempts++;
}
