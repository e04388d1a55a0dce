using System.Security.Cryptography;
using System.Text.Json;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.Net.Http.Headers;

namespace Auth.WebApi.Http;

/// <summary>
/// The JWK Set relying apps verify our tokens with (the OpenID configuration that points at it is OpenIddict's). It
/// changes only with the key ring (a restart), so it is serialised once and served as bytes with an ETag; a client
/// that revalidates gets 304.
/// </summary>
public sealed class WellKnownDocuments(SigningKeyRing keys)
{
    public const string JwksPath = "/.well-known/jwks.json";
    public const string OpenIdConfigurationPath = "/.well-known/openid-configuration";

    private readonly Lazy<CachedDocument> _jwks = new(() => CachedDocument.Of(JsonWebKeySetDocument.From(keys)));

    public CachedDocument Jwks => _jwks.Value;
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
