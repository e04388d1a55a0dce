using System.Security.Cryptography;
using System.Text.Json;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Auth.WebApi.Http;

/// <summary>
/// Discovery for relying apps that verify our tokens offline: the JWK Set and the OpenID configuration. Both change
/// only with the key ring or the settings (a restart), so each is serialised once and served as bytes with an ETag;
/// a client that revalidates gets 304.
/// </summary>
public sealed class WellKnownDocuments(SigningKeyRing keys, IOptions<JwtOptions> jwt)
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string OpenIdConfigurationPath = "/.well-known/openid-configuration";

    private readonly Lazy<CachedDocument> _jwks = new(() => CachedDocument.Of(JsonWebKeySetDocument.From(keys)));
    private readonly Lazy<CachedDocument> _openIdConfiguration = new(() => CachedDocument.Of(OpenIdConfiguration(jwt.Value)));

    public CachedDocument Jwks => _jwks.Value;

    public CachedDocument OpenIdConfigurationDocument => _openIdConfiguration.Value;

    private static Dictionary<string, object> OpenIdConfiguration(JwtOptions jwt)
    {
        var issuer = jwt.Issuer.TrimEnd('/');
        return new Dictionary<string, object>
        {
            ["issuer"] = jwt.Issuer,
            ["jwks_uri"] = $"{issuer}{JwksPath}",
            ["token_endpoint"] = $"{issuer}/api/v1/auth/login",
            ["grant_types_supported"] = new[] { "password", "refresh_token" },
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms.Supported,
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["claims_supported"] = new[] { "iss", "aud", "sub", "sid", "jti", "iat", "exp", "email", "roles", "amr" },
        };
    }
}

public sealed record CachedDocument(ReadOnlyMemory<byte> Body, string ETag)
{
    public static CachedDocument Of<T>(T document)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(document);
        return new CachedDocument(body, $"\"{Convert.ToBase64String(SHA256.HashData(body)[..16])}\"");
    }

    /// <summary>200 with the bytes, or 304 when the client already holds this version; caches may keep it five minutes.</summary>
    public Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.Headers[HeaderNames.CacheControl] = "public, max-age=300";
        response.Headers[HeaderNames.ETag] = ETag;
        if (context.Request.Headers[HeaderNames.IfNoneMatch].Contains(ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = "application/json";
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body).AsTask();
    }
}
