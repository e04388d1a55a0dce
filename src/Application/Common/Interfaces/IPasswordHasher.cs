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
    /// False when a hash asked for now would be refused (<see cref="Exceptions.ServiceBusyException"/>): a request that
    /// would be shed is refused before it costs a database write.
    /// </summary>
    bool HasCapacity { get; }

    Task<string> HashAsync(string password, CancellationToken cancellationToken);

    Task<PasswordVerification> VerifyAsync(string passwordHash, string password, CancellationToken cancellationToken);

    /// <summary>Does the work of one verification against a dummy hash, so an unknown account costs the same time as a known one.</summary>
    Task SimulateVerifyAsync(string password, CancellationToken cancellationToken);
}
