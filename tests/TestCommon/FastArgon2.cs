namespace Auth.TestCommon;

/// <summary>
/// Argon2id parameters for tests that are not about hashing: the real algorithm with a small memory block, so a
/// suite of hundreds of sign-ins stays quick. Hashing itself is tested with production-sized and RFC parameters.
/// </summary>
public static class FastArgon2
{
    public const int MemoryKiB = 1024;
    public const int Iterations = 1;

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["PasswordHashing:MemoryKiB"] = MemoryKiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PasswordHashing:Iterations"] = Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
