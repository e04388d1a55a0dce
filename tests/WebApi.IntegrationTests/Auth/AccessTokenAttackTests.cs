using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.IdentityModel.Tokens;

namespace Auth.WebApi.IntegrationTests.Auth;

/// <summary>Every forged or altered access token gets 401; the untouched one (the control) gets 200.</summary>
public sealed class AccessTokenAttackTests : SharedServiceTests
{
    private TokenForge _forge = null!;
    private Tokens _tokens = null!;

    [OneTimeSetUp]
    public async Task SignIn()
    {
        _forge = new TokenForge(Factory);
        (_, _tokens) = await Api.SignedInUserAsync();
    }

    private async Task AssertRejectedAsync(string token)
    {
        using var response = await Api.GetAsync("/api/v1/auth/me", token);
        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.unauthorized"));
    }

    [Test]
    public async Task Control_TheIssuedTokenIsAccepted()
    {
        using var response = await Api.GetAsync("/api/v1/auth/me", _tokens.AccessToken);
        await ApiClient.ExpectAsync(response, HttpStatusCode.OK);
    }

    [Test]
    public async Task Control_ATokenReSignedWithTheServiceKeyIsAccepted()
    {
        var token = _forge.SignWithServiceKey(_tokens.AccessToken, _ => { });

        using var response = await Api.GetAsync("/api/v1/auth/me", token);

        await ApiClient.ExpectAsync(response, HttpStatusCode.OK);
    }

    [Test]
    public async Task AlgNone_IsRejected()
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "at+jwt", ["kid"] = _forge.KeyId };

        await AssertRejectedAsync(TokenForge.Resign(_tokens.AccessToken, header, _ => []));
    }

    [Test]
    public async Task Hs256SignedWithThePublicKey_IsRejected()
    {
        using var jwks = await Api.GetAsync("/.well-known/jwks.json");
        var jwk = new JsonWebKeySet(await jwks.Content.ReadAsStringAsync()).Keys[0];

        // The published public key (EC for the default ES256 key, RSA for an RS256 one) as the HMAC secret.
        using AsymmetricAlgorithm publicKey = jwk.Kty == "EC"
            ? ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(jwk.X), Y = Base64UrlEncoder.DecodeBytes(jwk.Y) },
            })
            : RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk.N), Exponent = Base64UrlEncoder.DecodeBytes(jwk.E) });
        var publicKeyPem = Encoding.ASCII.GetBytes(publicKey.ExportSubjectPublicKeyInfoPem());
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "at+jwt", ["kid"] = _forge.KeyId };

        await AssertRejectedAsync(TokenForge.Resign(_tokens.AccessToken, header, data => HMACSHA256.HashData(publicKeyPem, data)));
        await AssertRejectedAsync(TokenForge.Resign(_tokens.AccessToken, header,
            data => HMACSHA256.HashData(publicKey.ExportSubjectPublicKeyInfo(), data)));
    }

    [Test]
    public async Task WrongIssuer_IsRejected() =>
        await AssertRejectedAsync(_forge.SignWithServiceKey(_tokens.AccessToken, d => d.Issuer = "https://evil.test"));

    [Test]
    public async Task WrongAudience_IsRejected() =>
        await AssertRejectedAsync(_forge.SignWithServiceKey(_tokens.AccessToken, d => d.Audience = "another-api"));

    [Test]
    public async Task Expired_IsRejected_BeyondTheClockSkew()
    {
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var expired = _forge.SignWithServiceKey(_tokens.AccessToken, d =>
        {
            d.IssuedAt = d.NotBefore = now.AddMinutes(-11);
            d.Expires = now.AddSeconds(-31);
        });

        await AssertRejectedAsync(expired);
    }

    [Test]
    public async Task WithoutExpiry_IsRejected() =>
        await AssertRejectedAsync(_forge.SignWithServiceKey(_tokens.AccessToken, d => d.Expires = null));

    [Test]
    public async Task AnyTamperedByte_IsRejected()
    {
        var parts = _tokens.AccessToken.Split('.');
        var payload = TokenForge.Payload(_tokens.AccessToken);
        payload["roles"] = new JsonArray("user", "admin");
        var elevated = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
        await AssertRejectedAsync(elevated);

        foreach (var index in new[] { 5, parts[0].Length + 10, _tokens.AccessToken.Length - 5 })
        {
            var chars = _tokens.AccessToken.ToCharArray();
            chars[index] = chars[index] == 'A' ? 'B' : 'A';
            await AssertRejectedAsync(new string(chars));
        }
    }

    [Test]
    public async Task AKeyIdThatIsNotOurs_IsRejected()
    {
        await AssertRejectedAsync(TokenForge.Sign(_tokens.AccessToken, TokenForge.ForeignRsaKey("attacker-key")));
        await AssertRejectedAsync(TokenForge.Sign(_tokens.AccessToken, TokenForge.ForeignRsaKey(_forge.KeyId)));
    }

    [TestCase("JWT")]
    [TestCase("pre-tfa+jwt")]
    [TestCase(null)]
    public async Task ATokenOfAnotherType_IsRejected(string? type) =>
        await AssertRejectedAsync(_forge.SignWithServiceKey(_tokens.AccessToken, d => d.TokenType = type));

    [Test]
    public async Task TheRefreshToken_IsNotAnAccessToken() => await AssertRejectedAsync(_tokens.RefreshToken!);

    [TestCase("")]
    [TestCase("not-a-jwt")]
    [TestCase("a.b.c")]
    public async Task Garbage_IsRejected(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        using var response = await Api.Http.SendAsync(request);
        await ApiClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
