namespace Auth.Infrastructure.Security.Passwords;

/// <summary>Argon2id parameters; defaults are OWASP's minimum (m=19 MiB, t=2, p=1).</summary>
public sealed class Argon2Options
{
    public const string SectionName = "PasswordHashing";

    public Argon2Engine Engine { get; set; } = Argon2Engine.Native;

    public int MemoryKiB { get; set; } = 19456;

    public int Iterations { get; set; } = 2;

    public int Parallelism { get; set; } = 1;

    public int SaltBytes { get; set; } = 16;

    public int HashBytes { get; set; } = 32;

    /// <summary>
    /// Hashing threads, so hashes computed at once. 0 (the default) adapts: one per processor while nothing else waits
    /// for a thread, one fewer as soon as other requests wait (so <c>/me</c>, refresh and JWKS keep a core under a login
    /// flood). A number fixes it. Each running hash holds <see cref="MemoryKiB"/> of memory.
    /// </summary>
    public int MaxConcurrency { get; set; }

    /// <summary>Requests that may wait for a hashing thread; beyond that the service answers 503 at once.</summary>
    public int QueueLimit { get; set; } = 64;

    /// <summary>Threads that always hash: <see cref="MaxConcurrency"/>, or one fewer than the processors (at least one).</summary>
    public int SteadyHashingThreads => MaxConcurrency > 0 ? MaxConcurrency : Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Threads that hash only while nothing else waits: the last processor's, when adapting.</summary>
    public int IdleHashingThreads => MaxConcurrency > 0 ? 0 : Environment.ProcessorCount - SteadyHashingThreads;
}
