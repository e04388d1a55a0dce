namespace Auth.Domain.Sessions;

/// <summary>One link in a session's refresh-token chain. Only the SHA-256 hash of the token is kept.</summary>
public sealed class RefreshToken
{
    public const int HashLength = 32;

    private RefreshToken()
    {
        TokenHash = null!;
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public byte[] TokenHash { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>Set once, when the token is exchanged; also the concurrency token, so two parallel exchanges cannot both win.</summary>
    public DateTimeOffset? SpentAt { get; private set; }

    public bool IsSpent => SpentAt is not null;

    internal static RefreshToken Issue(Guid sessionId, byte[] tokenHash, DateTimeOffset now)
    {
        if (tokenHash is not { Length: HashLength })
        {
            throw new ArgumentException($"A refresh token hash is {HashLength} bytes.", nameof(tokenHash));
        }

        return new RefreshToken
        {
            Id = Guid.CreateVersion7(now),
            SessionId = sessionId,
            TokenHash = tokenHash,
            IssuedAt = now,
        };
    }

    internal void Spend(DateTimeOffset now) => SpentAt = now;
}
