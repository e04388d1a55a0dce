using System.Reflection;
using System.Runtime.InteropServices;

namespace Auth.Infrastructure.Security.Passwords;

/// <summary>
/// Argon2id by libargon2, the Password Hashing Competition's reference library (Debian's <c>libargon2-1</c>, built with
/// its SIMD code), found on the machine at start. The libsodium build NSec ships runs Argon2's portable code path:
/// measured on the same two cores at the default cost, libargon2 took 20-25 ms per hash and libsodium 19-47 ms (most
/// runs near 45). Any salt length and lane count; the output is the same function's, so stored hashes do not change.
/// </summary>
public sealed class LibArgon2Engine : IArgon2Engine
{
    private const string Library = "argon2";

    // The names the library has on Linux (Debian, Alpine, Fedora), macOS (Homebrew) and Windows.
    private static readonly string[] Candidates = ["libargon2.so.1", "libargon2.so", "libargon2.1.dylib", "libargon2.dylib", "argon2.dll"];

    private static readonly Lazy<bool> Loaded = new(Load);

    private LibArgon2Engine()
    {
    }

    /// <summary>The engine, or null when no libargon2 can be loaded here.</summary>
    public static LibArgon2Engine? TryCreate() => Loaded.Value ? new LibArgon2Engine() : null;

    public bool Supports(int parallelism, int saltLength) => parallelism >= 1 && saltLength >= 8;

    public void Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations, int parallelism, Span<byte> output)
    {
        // A pointer to an empty span is null, which libargon2 accepts with a zero length.
        var result = Argon2idHashRaw(
            (uint)iterations, (uint)memoryKiB, (uint)parallelism,
            in MemoryMarshal.GetReference(password), (nuint)password.Length,
            in MemoryMarshal.GetReference(salt), (nuint)salt.Length,
            ref MemoryMarshal.GetReference(output), (nuint)output.Length);
        if (result != 0)
        {
            // Codes only (ARGON2_MEMORY_ALLOCATION_ERROR, ...): never the inputs.
            throw new InvalidOperationException($"libargon2 refused to hash (error {result}).");
        }
    }

    private static bool Load()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibArgon2Engine).Assembly, Resolve);
        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                if (NativeLibrary.TryGetExport(handle, "argon2id_hash_raw", out _))
                {
                    Handle = handle;
                    return true;
                }

                NativeLibrary.Free(handle);
            }
        }

        return false;
    }

    private static IntPtr Handle { get; set; }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == Library ? Handle : IntPtr.Zero;

    [DllImport(Library, EntryPoint = "argon2id_hash_raw")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Argon2idHashRaw(
        uint iterations, uint memoryKiB, uint parallelism,
        in byte password, nuint passwordLength,
        in byte salt, nuint saltLength,
        ref byte output, nuint outputLength);
}
