using Auth.Domain.Common;

namespace Auth.Domain.Sessions;

/// <summary>A signed-in device: the unit that refresh tokens rotate within and that revocation acts on.</summary>
public sealed class Session
{
    public const int MaxUserAgentLength = 512;
    public const int MaxIpAddressLength = 45;

    private readonly List<RefreshToken> _refreshTokens = [];

    private Session()
    {
        AuthenticationMethods = null!;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastUsedAt { get; private set; }

    /// <summary>The sliding end: the session dies if not refreshed before this.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset AbsoluteExpiresAt { get; private set; }

    public string? UserAgent { get; private set; }

    public string? IpAddress { get; private set; }

    /// <summary>RFC 8176 method references proven when the session began, space-separated (e.g. "pwd").</summary>
    public string AuthenticationMethods { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public SessionRevocationReason? RevocationReason { get; private set; }

    public IReadOnlyCollection<RefreshToken> RefreshTokens => _refreshTokens;

    public IReadOnlyList<string> AuthenticationMethodList =>
        AuthenticationMethods.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static Session Start(
        Guid userId,
        IEnumerable<string> authenticationMethods,
        string? userAgent,
        string? ipAddress,
        byte[] refreshTokenHash,
        SessionLifetime lifetime,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        var session = new Session
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            CreatedAt = now,
            LastUsedAt = now,
            AbsoluteExpiresAt = now + lifetime.Absolute,
            UserAgent = Truncate(userAgent, MaxUserAgentLength),
            IpAddress = Truncate(ipAddress, MaxIpAddressLength),
            AuthenticationMethods = string.Join(' ', authenticationMethods),
        };
        session.ExpiresAt = session.SlideFrom(now, lifetime);
        session._refreshTokens.Add(RefreshToken.Issue(session.Id, refreshTokenHash, now));
        return session;
    }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>
    /// Spends <paramref name="presented"/> and chains a new token to the session. Presenting a token that was
    /// already spent means it was copied: the whole session is revoked (refresh-token reuse detection).
    /// </summary>
    public Result<Success> Rotate(RefreshToken presented, byte[] newTokenHash, string? ipAddress, SessionLifetime lifetime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(lifetime);
        if (presented.SessionId != Id)
        {
            throw new InvalidOperationException("The refresh token belongs to another session.");
        }

        if (RevokedAt is not null || now >= ExpiresAt)
        {
            return SessionErrors.InvalidRefreshToken;
        }

        if (presented.IsSpent)
        {
            Revoke(SessionRevocationReason.RefreshTokenReuse, now);
            return SessionErrors.RefreshTokenReused;
        }

        presented.Spend(now);
        _refreshTokens.Add(RefreshToken.Issue(Id, newTokenHash, now));
        LastUsedAt = now;
        IpAddress = Truncate(ipAddress, MaxIpAddressLength) ?? IpAddress;
        ExpiresAt = SlideFrom(now, lifetime);
        return Success.Instance;
    }

    /// <summary>
    /// A client used the session without rotating one of its refresh tokens (an OpenID Connect refresh, whose tokens
    /// the provider rotates itself): it slides like a rotation, within the absolute end. False when it is no longer active.
    /// </summary>
    public bool Extend(string? ipAddress, SessionLifetime lifetime, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        if (!IsActive(now))
        {
            return false;
        }

        LastUsedAt = now;
        IpAddress = Truncate(ipAddress, MaxIpAddressLength) ?? IpAddress;
        ExpiresAt = SlideFrom(now, lifetime);
        return true;
    }

    /// <summary>Revokes the session; revoking twice keeps the first time and reason.</summary>
    public void Revoke(SessionRevocationReason reason, DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return;
        }

        RevokedAt = now;
        RevocationReason = reason;
    }

    private DateTimeOffset SlideFrom(DateTimeOffset now, SessionLifetime lifetime)
    {
        var sliding = now + lifetime.Sliding;
        return sliding < AbsoluteExpiresAt ? sliding : AbsoluteExpiresAt;
    }

    private static string? Truncate(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}
