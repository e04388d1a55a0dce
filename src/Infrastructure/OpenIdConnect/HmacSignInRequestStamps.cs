using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Auth.Application.Common.Interfaces;
using Auth.Infrastructure.Security.Tfa;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.OpenIdConnect;

/// <summary>
/// <c>{unix milliseconds}.{HMAC-SHA256}</c> over the request's key and the time, with a key derived (HKDF, own label) from
/// the TFA master keys: nothing new to provision, every node verifies, and rotation follows <c>Tfa:SecretKeys</c>.
/// </summary>
public sealed class HmacSignInRequestStamps(TfaKeyRing masterKeys, TimeProvider time) : ISignInRequestStamps
{
    /// <summary>Long enough to sign in with a second factor, short enough that an old stamp is worth nothing.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const string KeyLabel = "auth/oidc/sign-in-request-stamp/v1";

    private readonly IReadOnlyList<byte[]> _keys = masterKeys.DeriveKeys(KeyLabel);

    public string Issue(string requestKey, DateTimeOffset signInRequestedAt)
    {
        var milliseconds = signInRequestedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return $"{milliseconds}.{Base64UrlEncoder.Encode(Mac(_keys[0], requestKey, milliseconds))}";
    }

    public DateTimeOffset? Read(string stamp, string requestKey)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var dot = stamp.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(stamp.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            return null;
        }

        byte[] presented;
        try
        {
            presented = Base64UrlEncoder.DecodeBytes(stamp[(dot + 1)..]);
        }
        catch (Exception invalid) when (invalid is FormatException or ArgumentException)
        {
            return null;
        }

        var milliseconds = stamp[..dot];
        if (!_keys.Any(key => CryptographicOperations.FixedTimeEquals(Mac(key, requestKey, milliseconds), presented)))
        {
            return null;
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(unix);
        var age = time.GetUtcNow() - at;
        return age >= TimeSpan.Zero && age <= Lifetime ? at : null;
    }

    private static byte[] Mac(byte[] key, string requestKey, string milliseconds) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{requestKey}\n{milliseconds}"));
}
