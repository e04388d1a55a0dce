using System.Globalization;

namespace Auth.Infrastructure.Security.Passwords;

/// <summary>
/// An Argon2id hash in the PHC string format: <c>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c>,
/// salt and hash in unpadded standard Base64.
/// </summary>
public sealed record PhcArgon2Hash(int MemoryKiB, int Iterations, int Parallelism, byte[] Salt, byte[] Hash)
{
    private const string Prefix = "$argon2id$v=19$";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}m={MemoryKiB},t={Iterations},p={Parallelism}${Encode(Salt)}${Encode(Hash)}");

    public static bool TryParse(string? value, out PhcArgon2Hash? hash)
    {
        hash = null;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = value[Prefix.Length..].Split('$');
        if (parts.Length != 3)
        {
            return false;
        }

        int? m = null, t = null, p = null;
        foreach (var pair in parts[0].Split(','))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                return false;
            }

            switch (kv[0])
            {
                case "m": m = number; break;
                case "t": t = number; break;
                case "p": p = number; break;
                default: return false;
            }
        }

        var salt = Decode(parts[1]);
        var digest = Decode(parts[2]);
        if (m is null || t is null || p is null || salt is not { Length: >= 8 } || digest is not { Length: >= 16 })
        {
            return false;
        }

        hash = new PhcArgon2Hash(m.Value, t.Value, p.Value, salt, digest);
        return true;
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[]? Decode(string text)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
