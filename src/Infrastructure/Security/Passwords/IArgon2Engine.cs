namespace Auth.Infrastructure.Security.Passwords;

/// <summary>Which Argon2id implementation computes hashes: <c>PasswordHashing:Engine</c>.</summary>
public enum Argon2Engine
{
    /// <summary>libsodium's <c>crypto_pwhash</c> through NSec: about 3× faster, no managed allocation per hash.</summary>
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
