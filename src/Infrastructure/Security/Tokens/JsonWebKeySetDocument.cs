using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security.Tokens;

/// <summary>The public half of each signing key as an RFC 7517 JWK Set. Only public parameters are copied.</summary>
public sealed record JsonWebKeySetDocument([property: JsonPropertyName("keys")] IReadOnlyList<PublicJsonWebKey> Keys)
{
    public static JsonWebKeySetDocument From(SigningKeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return new JsonWebKeySetDocument(ring.Keys.Select(ToPublic).ToList());
    }

    private static PublicJsonWebKey ToPublic(SigningKey key) => key.Key switch
    {
        RsaSecurityKey rsa => FromRsa(rsa, key.Algorithm),
        ECDsaSecurityKey ec => FromEc(ec, key.Algorithm),
        _ => throw new InvalidOperationException($"Unsupported key type {key.Key.GetType().Name}."),
    };

    private static PublicJsonWebKey FromRsa(RsaSecurityKey key, string algorithm)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new PublicJsonWebKey("RSA", "sig", key.KeyId, algorithm)
        {
            N = Base64UrlEncoder.Encode(parameters.Modulus),
            E = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private static PublicJsonWebKey FromEc(ECDsaSecurityKey key, string algorithm)
    {
        var parameters = key.ECDsa.ExportParameters(includePrivateParameters: false);
        return new PublicJsonWebKey("EC", "sig", key.KeyId, algorithm)
        {
            Crv = "P-256",
            X = Base64UrlEncoder.Encode(parameters.Q.X),
            Y = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
    }
}

public sealed record PublicJsonWebKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("alg")] string Alg)
{
    [JsonPropertyName("n")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? N { get; init; }

    [JsonPropertyName("e")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? E { get; init; }

    [JsonPropertyName("crv")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Crv { get; init; }

    [JsonPropertyName("x")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? X { get; init; }

    [JsonPropertyName("y")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Y { get; init; }
}
