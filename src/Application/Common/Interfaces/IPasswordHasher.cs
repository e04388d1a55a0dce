namespace Auth.Application.Common.Interfaces;

public enum PasswordVerification
{
    Failed,
    Succeeded,

    /// <summary>The password is right but the stored hash uses weaker parameters than today's: re-hash it.</summary>
    SucceededRehashNeeded,
}

/// <summary>Memory-hard password hashing. Implementations normalise the password (NFKC) themselves.</summary>
public interface IPasswordHasher
{
    /// <summary>
    /// Reserves a place in the hashing queue for this request's next hash, before it does any other work; null when
    /// the queue is full (answer <see cref="Exceptions.ServiceBusyException"/>). Dispose it when the request ends: an
    /// unused place is given back. A request that already holds one gets a no-op.
    /// </summary>
    IDisposable? TryReserve();

    Task<string> HashAsync(string password, CancellationToken cancellationToken);

    Task<PasswordVerification> VerifyAsync(string passwordHash, string password, CancellationToken cancellationToken);

    /// <summary>Does the work of one verification against a dummy hash, so an unknown account costs the same time as a known one.</summary>
    Task SimulateVerifyAsync(string password, CancellationToken cancellationToken);
}
