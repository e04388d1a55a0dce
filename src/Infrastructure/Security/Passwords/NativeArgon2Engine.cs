using NSec.Cryptography;

namespace Auth.Infrastructure.Security.Passwords;

/// <summary>
/// Argon2id by libsodium (<c>crypto_pwhash</c>, vectorised C) through NSec. libsodium computes one lane only and
/// takes exactly 16-byte salts; hashes stored with other parameters are verified by <see cref="ManagedArgon2Engine"/>.
/// </summary>
public sealed class NativeArgon2Engine : IArgon2Engine
{
    public const int SaltLength = 16;

    public NativeArgon2Engine()
    {
        try
        {
            // Creating an algorithm loads and initialises libsodium: a missing native library fails here, at start.
            _ = PasswordBasedKeyDerivationAlgorithm.Argon2id(Parameters(1024, 1));
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or PlatformNotSupportedException)
        {
            throw new ConfigurationException(
                "PasswordHashing:Engine is Native but libsodium cannot be loaded on this platform; set it to Managed.", ex);
        }
    }

    public bool Supports(int parallelism, int saltLength) => parallelism == 1 && saltLength == SaltLength;

    public void Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations, int parallelism, Span<byte> output)
    {
        if (!Supports(parallelism, salt.Length))
        {
            throw new NotSupportedException("libsodium computes Argon2id with one lane and a 16-byte salt only.");
        }

        PasswordBasedKeyDerivationAlgorithm.Argon2id(Parameters(memoryKiB, iterations)).DeriveBytes(password, salt, output);
    }

    private static Argon2Parameters Parameters(int memoryKiB, int iterations) =>
        new() { DegreeOfParallelism = 1, MemorySize = memoryKiB, NumberOfPasses = iterations };
}
