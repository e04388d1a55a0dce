using System.Security.Cryptography;
using System.Text;
using Auth.Application.Common.Interfaces;

namespace Auth.Infrastructure.Security.Tfa;

/// <summary>HMAC-SHA256 under a server-side key; without the key, a stolen hash of a 6-digit code reveals nothing.</summary>
public sealed class HmacSecretHasher(TfaKeyRing keys) : ISecretHasher
{
    public KeyedHash Hash(string value)
    {
        var keyId = keys.CurrentKeyId;
        return new KeyedHash(keyId, HMACSHA256.HashData(keys.HashingKey(keyId)!, Encoding.UTF8.GetBytes(value)));
    }

    public bool Matches(KeyedHash stored, string value)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var key = keys.HashingKey(stored.KeyId);
        if (key is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)), stored.Hash);
    }
}
