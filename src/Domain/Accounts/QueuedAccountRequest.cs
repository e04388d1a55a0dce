namespace Auth.Domain.Accounts;

public enum AccountRequestKind
{
    PasswordReset,
    EmailVerification,
}

/// <summary>
/// A request about an address that anyone may make (forgot password, resend verification), stored as it was accepted
/// so that a 202 is kept even if the node dies a moment later. Any node may take it: a claim is a lease
/// (<see cref="ClaimedUntil"/>), and the row is deleted in the same commit as the work it caused, so it is done once.
/// </summary>
public sealed class QueuedAccountRequest
{
    public const int MaxAttempts = 5;

    private QueuedAccountRequest()
    {
        Email = null!;
    }

    public Guid Id { get; private set; }

    public AccountRequestKind Kind { get; private set; }

    /// <summary>The address as typed (not yet known to be anyone's; never logged).</summary>
    public string Email { get; private set; }

    public string? CallerIp { get; private set; }

    public string? CallerUserAgent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A node is working on it until then; after that (it died, or failed) any node may take it again.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    public int Attempts { get; private set; }

    public static QueuedAccountRequest Accept(
        AccountRequestKind kind, string email, string? callerIp, string? callerUserAgent, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Kind = kind,
        Email = email.Length > 254 ? email[..254] : email,
        CallerIp = callerIp,
        CallerUserAgent = callerUserAgent is { Length: > 512 } ? callerUserAgent[..512] : callerUserAgent,
        CreatedAt = now,
    };
}
