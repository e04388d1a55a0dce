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
/// so no message is lost when the mail server is down and none is sent for a change that rolled back. Its body
/// (which may carry a code or a link) is stored only encrypted, and erased once sent or once the secret it carries
/// has expired.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxErrorLength = 500;

    private OutboxMessage()
    {
        To = null!;
        Subject = null!;
    }

    public Guid Id { get; private set; }

    public string To { get; private set; }

    public string Subject { get; private set; }

    /// <summary>The id of the key that encrypted <see cref="BodyCiphertext"/>.</summary>
    public string? BodyKeyId { get; private set; }

    /// <summary>The body, encrypted bound to this message's id; null once erased.</summary>
    public byte[]? BodyCiphertext { get; private set; }

    /// <summary>When the secret in the body stops working (a code, a link); the body is erased then even if unsent.</summary>
    public DateTimeOffset? BodyExpiresAt { get; private set; }

    public bool HasBody => BodyCiphertext is not null;

    public DateTimeOffset CreatedAt { get; private set; }

    public OutboxStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>A dispatcher that claimed the message owns it until then (guards against two nodes sending it).</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public int Version { get; private set; }

    /// <param name="id">Chosen before the body is encrypted, because the ciphertext is bound to it.</param>
    public static OutboxMessage Create(
        Guid id, string to, string subject, string bodyKeyId, byte[] bodyCiphertext, DateTimeOffset? bodyExpiresAt, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(bodyKeyId);
        ArgumentNullException.ThrowIfNull(bodyCiphertext);
        return new OutboxMessage
        {
            Id = id,
            To = to,
            Subject = subject,
            BodyKeyId = bodyKeyId,
            BodyCiphertext = bodyCiphertext,
            BodyExpiresAt = bodyExpiresAt,
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
        if (!keepBody)
        {
            EraseBody();
        }

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

    /// <summary>Forgets the body (sent, or its secret expired); subject, recipient and delivery state stay.</summary>
    public void EraseBody()
    {
        BodyKeyId = null;
        BodyCiphertext = null;
    }

    /// <summary>A message whose secret expired before it could be sent is dead: delivering a dead code helps nobody.</summary>
    public void Expire(DateTimeOffset now)
    {
        EraseBody();
        Status = OutboxStatus.Dead;
        ClaimedUntil = null;
        LastError = $"The message's code or link expired before delivery ({now:O}).";
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
