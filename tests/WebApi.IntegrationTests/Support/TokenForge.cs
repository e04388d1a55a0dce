using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.WebApi.IntegrationTests.Support;

/// <summary>Builds hostile tokens: some signed with the service's real key (to isolate one defect), some not.</summary>
public sealed class TokenForge(AuthApiFactory factory)
{
    private readonly SigningKeyRing _keys = factory.Services.GetRequiredService<SigningKeyRing>();

    public string KeyId => _keys.Current.Key.KeyId;

    public static JsonObject Header(string token) => Decode(token.Split('.')[0]);

    public static JsonObject Payload(string token) => Decode(token.Split('.')[1]);

    /// <summary>A token signed with our real key whose claims copy <paramref name="template"/> with some changed.</summary>
    public string SignWithServiceKey(string template, Action<SecurityTokenDescriptor> change) =>
        Sign(template, _keys.Current.Credentials, change);

    public static string Sign(string template, SigningCredentials credentials, Action<SecurityTokenDescriptor>? change = null)
    {
        var payload = Payload(template);
        var claims = payload
            .Where(p => p.Key is not ("iss" or "aud" or "exp" or "iat" or "nbf"))
            .ToDictionary(p => p.Key, p => p.Value switch
            {
                JsonArray array => array.Select(v => (string)v!).ToArray(),
                JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => (string)value!,
                JsonValue value when value.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => (bool)value,
                var other => (object)(long)other!,
            });
        var descriptor = new SecurityTokenDescriptor
        {
            TokenType = TokenTypes.AccessToken,
            Issuer = (string?)payload["iss"],
            Audience = (string?)payload["aud"],
            IssuedAt = DateTimeOffset.FromUnixTimeSeconds((long)payload["iat"]!).UtcDateTime,
            NotBefore = DateTimeOffset.FromUnixTimeSeconds((long)payload["nbf"]!).UtcDateTime,
            Expires = DateTimeOffset.FromUnixTimeSeconds((long)payload["exp"]!).UtcDateTime,
            SigningCredentials = credentials,
            Claims = claims,
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The same header and payload with another header and a signature computed by <paramref name="sign"/>.</summary>
    public static string Resign(string template, JsonObject header, Func<byte[], byte[]> sign)
    {
        var head = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var body = template.Split('.')[1];
        var signature = Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes($"{head}.{body}")));
        return $"{head}.{body}.{signature}";
    }

    public static SigningCredentials ForeignRsaKey(string keyId)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = keyId };
        return new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }

    private static JsonObject Decode(string part) => JsonNode.Parse(Base64UrlEncoder.Decode(part))!.AsObject();
}
