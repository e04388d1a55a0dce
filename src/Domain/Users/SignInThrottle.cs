namespace Auth.Domain.Users;

/// <summary>When an account's consecutive failures start to cost waiting time.</summary>
public sealed record ThrottlePolicy(int FreeAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, int HardLimit)
{
    public static readonly ThrottlePolicy Default = new(5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15), 100);

    /// <summary>1, 2, 4 … minutes from the <see cref="FreeAttempts"/>th failure, capped; none before.</summary>
    public TimeSpan? DelayAfter(int consecutiveFailures)
    {
        if (consecutiveFailures < FreeAttempts)
        {
            return null;
        }

        var doublings = Math.Min(consecutiveFailures - FreeAttempts, 30);
        var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * (1L << doublings)));
        return delay;
    }

    /// <summary>
    /// Until when a name with this many consecutive failures must wait: null before the free attempts are used,
    /// for ever at the hard limit (NIST SP 800-63B: at most 100 consecutive failures; a reset or an administrator
    /// clears it).
    /// </summary>
    public DateTimeOffset? ThrottledUntil(int consecutiveFailures, DateTimeOffset now) =>
        consecutiveFailures >= HardLimit ? DateTimeOffset.MaxValue
        : DelayAfter(consecutiveFailures) is { } delay ? now + delay
        : null;

    /// <summary>True when the failure that brought the count to <paramref name="consecutiveFailures"/> starts a wait or the block.</summary>
    public bool StartsThrottling(int consecutiveFailures) =>
        consecutiveFailures == FreeAttempts || consecutiveFailures == HardLimit;
}

/// <summary>
/// The consecutive-failure counter of one login name — whether or not an account has that name, so a throttled
/// unknown email answers exactly like a throttled account. Wrong passwords, TOTP codes, emailed codes and backup
/// tokens all count; a completed sign-in resets it. Attempts are taken atomically in the database (see the
/// Application's <c>SignInThrottler</c>), which is why there is no "increment" method here.
/// </summary>
public sealed class SignInThrottle
{
    private SignInThrottle()
    {
        LoginKey = null!;
    }

    /// <summary>The normalised email (upper case).</summary>
    public string LoginKey { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    public DateTimeOffset? ThrottledUntil { get; private set; }

    /// <summary>When a try was last counted; the retention job drops counters idle for long (never a blocked one).</summary>
    public DateTimeOffset? LastAttemptAt { get; private set; }

    public static SignInThrottle For(string loginKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(loginKey);
        return new SignInThrottle { LoginKey = loginKey };
    }

    public bool IsThrottled(DateTimeOffset now) => ThrottledUntil is { } until && until > now;
}
