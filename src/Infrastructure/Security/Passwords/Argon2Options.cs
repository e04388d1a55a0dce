namespace Auth.Infrastructure.Security.Passwords;

/// <summary>Argon2id parameters; defaults are OWASP's minimum (m=19 MiB, t=2, p=1).</summary>
public sealed class Argon2Options
{
    public const string SectionName = "PasswordHashing";

    public int MemoryKiB { get; set; } = 19456;

    public int Iterations { get; set; } = 2;

    public int Parallelism { get; set; } = 1;

    public int SaltBytes { get; set; } = 16;

    public int HashBytes { get; set; } = 32;

    /// <summary>Hashes computed at once; 0 means one per processor. Each holds <see cref="MemoryKiB"/> of memory.</summary>
    public int MaxConcurrency { get; set; }

    /// <summary>Requests that may wait for a hashing slot; beyond that the service answers 503 at once.</summary>
    public int QueueLimit { get; set; } = 64;
}
