using Auth.Domain.Common;

namespace Auth.Domain.Tfa;

/// <summary>A single-use recovery code. Only its keyed hash is stored.</summary>
public sealed class BackupToken
{
    private BackupToken()
    {
        TokenHash = null!;
        HashKeyId = null!;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public byte[] TokenHash { get; private set; }

    public string HashKeyId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Set once, when redeemed; the concurrency token, so of two parallel redemptions exactly one wins.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public bool IsUsed => UsedAt is not null;

    public static BackupToken Issue(Guid userId, string hashKeyId, byte[] tokenHash, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        HashKeyId = hashKeyId,
        TokenHash = tokenHash,
        CreatedAt = now,
    };

    public Result<Success> Redeem(DateTimeOffset now)
    {
        if (UsedAt is not null)
        {
            return TfaErrors.InvalidBackupToken;
        }

        UsedAt = now;
        return Success.Instance;
    }
}
