namespace Auth.Infrastructure.Security.Passwords;

/// <summary>Which Argon2id implementation computes hashes: <c>PasswordHashing:Engine</c>.</summary>
public enum Argon2Engine
{
    /// <summary>
    /// Native code: the system's libargon2 (the reference library, with SIMD) where it is installed, else libsodium's
    /// <c>crypto_pwhash</c> through NSec. Both about 3× faster than managed code, no managed allocation per hash.
    /// </summary>
    Native,

    /// <summary>Konscious, fully managed: runs wherever .NET runs, and any parameters (salt length, lanes).</summary>
    Managed,
}

/// <summary>The Argon2id function (RFC 9106, version 0x13) itself: raw output, no encoding, no gate.</summary>
public interface IArgon2Engine
{
    /// <summary>False when this engine cannot compute a hash with these parameters (another engine must).</summary>
    bool Supports(int parallelism, int saltLength);

    void Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations, int parallelism, Span<byte> output);
}
