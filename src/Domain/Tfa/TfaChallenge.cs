using Auth.Domain.Common;

namespace Auth.Domain.Tfa;

/// <summary>
/// One password-verified login waiting for its second factor; the pre-TFA token names it (<c>cid</c>). It dies when
/// completed, when it expires, or after <see cref="MaxAttempts"/> codes were tried, so a stolen pre-TFA token
/// allows a handful of guesses, not a million.
/// </summary>
public sealed class TfaChallenge
{
    public const int MaxAttempts = 5;

    private TfaChallenge()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>
    /// Codes tried so far. Taken atomically in the database before a code is checked (a conditional UPDATE), so
    /// parallel guesses cannot get more than <see cref="MaxAttempts"/> evaluated.
    /// </summary>
    public int Attempts { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Also a concurrency token: two parallel resends cannot both pass the limits.</summary>
    public int EmailCodesSent { get; private set; }

    public DateTimeOffset? LastEmailCodeSentAt { get; private set; }

    /// <summary>The user's security stamp when the password was proven; the challenge is dead once the stamp moves on.</summary>
    public Guid UserSecurityStamp { get; private set; }

    /// <summary>The known device the password step came from, if any: its tries count against that device's throttle.</summary>
    public Guid? KnownDeviceId { get; private set; }

    public static TfaChallenge Start(Guid userId, Guid userSecurityStamp, Guid? knownDeviceId, TimeSpan lifetime, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        UserSecurityStamp = userSecurityStamp,
        KnownDeviceId = knownDeviceId,
        CreatedAt = now,
        ExpiresAt = now + lifetime,
    };

    public bool IsOpen(DateTimeOffset now) =>
        CompletedAt is null && now < ExpiresAt && Attempts < MaxAttempts;

    /// <summary>
    /// Ends the challenge: its sign-in completed, or the account changed under it (disabled, new password, second
    /// factor removed, signed out everywhere) and the pre-TFA token must stop working at once.
    /// </summary>
    public void Close(DateTimeOffset now) => CompletedAt ??= now;

    /// <summary>Records an emailed code; the first is sent by login, each later one is a resend within the limits.</summary>
    public Result<Success> RecordEmailCodeSent(DateTimeOffset now, TimeSpan minInterval, int maxResends)
    {
        if (LastEmailCodeSentAt is { } last && now - last < minInterval)
        {
            return TfaErrors.ResendTooSoon(minInterval - (now - last));
        }

        if (EmailCodesSent > maxResends)
        {
            return TfaErrors.ResendLimitReached;
        }

        EmailCodesSent++;
        LastEmailCodeSentAt = now;
        return Success.Instance;
    }
}
