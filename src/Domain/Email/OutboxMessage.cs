namespace Auth.Domain.Email;

public enum OutboxStatus
{
    Pending,
    Retrying,
    Sent,

    /// <summary>Gave up after the maximum number of attempts; kept, visible and retryable.</summary>
    Dead,
}

/// <summary>
/// An email written in the same transaction as the change that caused it and delivered later by a dispatcher,
/// so no message is lost when the mail server is down and none is sent for a change that rolled back.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxErrorLength = 500;

    /// <summary>Replaces the body once delivered: bodies carry one-time codes that need not outlive delivery.</summary>
    public const string DeliveredBody = "[delivered; body removed]";

    private OutboxMessage()
    {
        To = null!;
        Subject = null!;
        Body = null!;
    }

    public Guid Id { get; private set; }

    public string To { get; private set; }

    public string Subject { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public OutboxStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>A dispatcher that claimed the message owns it until then (guards against two nodes sending it).</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public int Version { get; private set; }

    public static OutboxMessage Create(string to, string subject, string body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(body);
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            To = to,
            Subject = subject,
            Body = body,
            CreatedAt = now,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
        };
    }

    public bool IsDue(DateTimeOffset now) =>
        Status is OutboxStatus.Pending or OutboxStatus.Retrying && NextAttemptAt <= now && (ClaimedUntil is null || ClaimedUntil <= now);

    public void Claim(DateTimeOffset now, TimeSpan lease)
    {
        ClaimedUntil = now + lease;
        Version++;
    }

    public void MarkSent(DateTimeOffset now, bool keepBody = false)
    {
        Status = OutboxStatus.Sent;
        SentAt = now;
        Attempts++;
        ClaimedUntil = null;
        LastError = null;
        Body = keepBody ? Body : DeliveredBody;
        Version++;
    }

    /// <summary>Schedules the next attempt with exponential backoff, or gives up after <paramref name="maxAttempts"/>.</summary>
    public void MarkFailed(string error, DateTimeOffset now, int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        Attempts++;
        ClaimedUntil = null;
        LastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        if (Attempts >= maxAttempts)
        {
            Status = OutboxStatus.Dead;
        }
        else
        {
            Status = OutboxStatus.Retrying;
            var delay = TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, baseDelay.Ticks * (1L << Math.Min(Attempts - 1, 30))));
            NextAttemptAt = now + delay;
        }

        Version++;
    }

    /// <summary>Puts a dead message back in the queue (an administrator's decision).</summary>
    public void Requeue(DateTimeOffset now)
    {
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        ClaimedUntil = null;
        Version++;
    }
}
