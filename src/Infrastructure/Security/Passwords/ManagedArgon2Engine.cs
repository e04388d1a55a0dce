using System.Security.Cryptography;
using Konscious.Security.Cryptography;

namespace Auth.Infrastructure.Security.Passwords;

/// <summary>Argon2id by Konscious, in managed code: the portable engine. It allocates the whole memory block per hash.</summary>
public sealed class ManagedArgon2Engine : IArgon2Engine
{
    public bool Supports(int parallelism, int saltLength) => true;

    public void Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations, int parallelism, Span<byte> output)
    {
        var copy = password.ToArray();
        try
        {
            using var argon2 = new Argon2id(copy)
            {
                Salt = salt.ToArray(),
                MemorySize = memoryKiB,
                Iterations = iterations,
                DegreeOfParallelism = parallelism,
            };
            argon2.GetBytes(output.Length).CopyTo(output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
        }
    }
}
