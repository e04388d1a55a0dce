namespace Auth.Domain.KnownDevices;

/// <summary>
/// A client that completed a sign-in for this user: it holds a device token (256 random bits, stored as SHA-256) and
/// sends it back (cookie or <c>X-Device-Token</c>). Its sign-in attempts count against its own throttle, so someone
/// without the device cannot lock the owner out (OWASP "device cookies"); when remembered, it skips the second factor.
/// </summary>
public sealed class KnownDevice
{
    public const int MaxUserAgentLength = 256;

    private KnownDevice()
    {
        TokenHash = null!;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public byte[] TokenHash { get; private set; }

    public string? UserAgent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastUsedAt { get; private set; }

    /// <summary>Until when a sign-in from this device skips the second factor ("remember this device"); null when not.</summary>
    public DateTimeOffset? RememberedUntil { get; private set; }

    /// <summary>The key of this device's own sign-in throttle (the same counters and policy as a login name's).</summary>
    public string ThrottleKey => ThrottleKeyOf(Id);

    public static string ThrottleKeyOf(Guid deviceId) => $"DEVICE:{deviceId:N}";

    public static KnownDevice Recognize(Guid userId, byte[] tokenHash, string? userAgent, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        TokenHash = tokenHash,
        UserAgent = userAgent is { Length: > MaxUserAgentLength } ? userAgent[..MaxUserAgentLength] : userAgent,
        CreatedAt = now,
        LastUsedAt = now,
    };

    public bool IsRemembered(DateTimeOffset now) => RememberedUntil is { } until && now < until;

    public void RecordUse(DateTimeOffset now) => LastUsedAt = now;

    public void Remember(DateTimeOffset until) => RememberedUntil = until;

    /// <summary>The next sign-in from this device asks for the second factor again.</summary>
    public void Forget() => RememberedUntil = null;
}
