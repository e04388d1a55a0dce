using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Auth.Application.Common.Security;

/// <summary>
/// A bearer secret with 256 random bits, handed to the client once and stored only as its SHA-256 hash.
/// A plain (unkeyed) hash is enough here: the input has full entropy, so it cannot be guessed offline.
/// </summary>
public sealed class OpaqueToken
{
    public const int RandomBytes = 32;

    private OpaqueToken(string value, byte[] hash)
    {
        Value = value;
        Hash = hash;
    }

    public string Value { get; }

    public byte[] Hash { get; }

    public static OpaqueToken Create()
    {
        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        return new OpaqueToken(value, HashOf(value));
    }

    public static byte[] HashOf(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public override string ToString() => nameof(OpaqueToken);
}
