using Auth.Domain.Common;

namespace Auth.Domain.Users;

/// <summary>A single-use password-reset token. Only the SHA-256 of its 256 random bits is stored.</summary>
public sealed class PasswordResetToken
{
    private PasswordResetToken()
    {
        TokenHash = null!;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public byte[] TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Set when used or replaced by a newer request; the concurrency token that makes the token single-use.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public static PasswordResetToken Issue(Guid userId, byte[] tokenHash, TimeSpan lifetime, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        TokenHash = tokenHash,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    public Result<Success> Use(DateTimeOffset now)
    {
        if (UsedAt is not null || now >= ExpiresAt)
        {
            return UserErrors.InvalidResetToken;
        }

        UsedAt = now;
        return Success.Instance;
    }

    public void Invalidate(DateTimeOffset now) => UsedAt ??= now;
}
