namespace Auth.Domain.Users;

public enum AccountTokenPurpose
{
    PasswordReset,
    EmailVerification,

    /// <summary>Binds a second factor or passkey enrolled from a password-only session (its id is the token's subject).</summary>
    FactorBinding,

    /// <summary>Lifts the lock on second-factor sign-in (sent with the email that announces the lock).</summary>
    SecondFactorUnlock,
}

/// <summary>
/// A single-use token sent by email to prove control of the mailbox (a password reset, an email verification, a
/// factor binding).
/// Only the SHA-256 of its 256 random bits is stored.
/// </summary>
public sealed class AccountToken
{
    private AccountToken()
    {
        TokenHash = null!;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public AccountTokenPurpose Purpose { get; private set; }

    public byte[] TokenHash { get; private set; }

    /// <summary>What the token acts on besides the account (the factor a <see cref="AccountTokenPurpose.FactorBinding"/> binds).</summary>
    public Guid? SubjectId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Set when used or replaced by a newer request; the concurrency token that makes the token single-use.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public static AccountToken Issue(
        Guid userId, AccountTokenPurpose purpose, byte[] tokenHash, TimeSpan lifetime, DateTimeOffset now, Guid? subjectId = null) => new()
    {
        SubjectId = subjectId,
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        Purpose = purpose,
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    /// <summary>Spends the token; false when it was used, replaced or has expired.</summary>
    public bool TryUse(DateTimeOffset now)
    {
        if (UsedAt is not null || now >= ExpiresAt)
        {
            return false;
        }

        UsedAt = now;
        return true;
    }

    public void Invalidate(DateTimeOffset now) => UsedAt ??= now;
}
