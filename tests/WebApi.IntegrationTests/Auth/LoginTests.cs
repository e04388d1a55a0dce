using System.Net;
using System.Text.Json.Nodes;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Auth;

public sealed class LoginTests : SharedServiceTests
{

    private async Task<string> SignedUpEmailAsync()
    {
        var email = ApiClient.NewEmail();
        using var signup = await Api.SignupAsync(email);
        await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        return email;
    }

    [Test]
    public async Task Login_WithJson_Returns200WithATokenPair_NotCached()
    {
        var email = await SignedUpEmailAsync();

        using var response = await Api.LoginAsync(email);

        var tokens = await ApiClient.ReadAsync<Tokens>(response, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(tokens.TokenType, Is.EqualTo("bearer"));
            Assert.That(tokens.ExpiresIn, Is.EqualTo(600));
            Assert.That(tokens.AccessToken.Split('.'), Has.Length.EqualTo(3));
            Assert.That(tokens.RefreshToken, Has.Length.GreaterThanOrEqualTo(43), "256 bits in base64url");
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });
    }

    [Test]
    public async Task Login_WithTheOAuth2PasswordForm_Returns200()
    {
        var email = await SignedUpEmailAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email.ToUpperInvariant(),
            ["password"] = TestPasswords.Strong,
        });

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", form);

        var tokens = await ApiClient.ReadAsync<Tokens>(response, HttpStatusCode.OK);
        using var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        var user = await ApiClient.ReadAsync<UserBody>(me, HttpStatusCode.OK);
        Assert.That(user.Email, Is.EqualTo(email));
    }

    [Test]
    public async Task Login_WrongPasswordAndUnknownEmail_Get401WithIdenticalBodies()
    {
        var email = await SignedUpEmailAsync();

        using var wrongPassword = await Api.LoginAsync(email, TestPasswords.Other);
        using var unknownEmail = await Api.LoginAsync(ApiClient.NewEmail("nobody"), TestPasswords.Other);

        var first = await ApiClient.ReadProblemAsync(wrongPassword, HttpStatusCode.Unauthorized);
        var second = await ApiClient.ReadProblemAsync(unknownEmail, HttpStatusCode.Unauthorized);
        first.Remove("traceId");
        second.Remove("traceId");
        Assert.That(first.ToJsonString(), Is.EqualTo(second.ToJsonString()));
        Assert.That((string?)first["code"], Is.EqualTo("auth.invalid_credentials"));
    }

    [Test]
    public async Task Login_WithMissingFields_Returns400()
    {
        using var response = await Api.PostJsonAsync("/api/v1/auth/login", new { email = "a@example.com" });

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["error_codes"]!["password"]![0], Is.EqualTo("password.required"));
    }

    [Test]
    public async Task AccessToken_CarriesTheDocumentedHeaderAndClaims()
    {
        var email = await SignedUpEmailAsync();
        var tokens = await Api.LoginTokensAsync(email);
        using var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        var user = await ApiClient.ReadAsync<UserBody>(me, HttpStatusCode.OK);

        var header = TokenForge.Header(tokens.AccessToken);
        var claims = TokenForge.Payload(tokens.AccessToken);

        Assert.Multiple(() =>
        {
            Assert.That((string?)header["alg"], Is.EqualTo("ES256"), "the development key's algorithm");
            Assert.That((string?)header["typ"], Is.EqualTo("at+jwt"));
            Assert.That((string?)header["kid"], Is.EqualTo(new TokenForge(Factory).KeyId));
            Assert.That((string?)claims["iss"], Is.EqualTo(Factory.Issuer));
            Assert.That((string?)claims["aud"], Is.EqualTo(Factory.Audience));
            Assert.That((string?)claims["sub"], Is.EqualTo(user.Id.ToString()));
            Assert.That(Guid.TryParse((string?)claims["sid"], out _), Is.True);
            Assert.That((string?)claims["jti"], Is.Not.Empty);
            Assert.That((string?)claims["email"], Is.EqualTo(email));
            Assert.That(claims["roles"]!.AsArray().Select(r => (string?)r), Is.EqualTo(new[] { "user" }));
            Assert.That(claims["amr"]!.AsArray().Select(r => (string?)r), Is.EqualTo(new[] { "pwd" }));
            Assert.That((string?)claims["acr"], Is.EqualTo("urn:auth:acr:password"));
            Assert.That((long)claims["iat"]!, Is.EqualTo(TestClock.Start.ToUnixTimeSeconds()));
            Assert.That((long)claims["exp"]! - (long)claims["iat"]!, Is.EqualTo(600));
        });
    }

    [Test]
    public async Task TestToken_ReturnsTheCurrentUser_LikeMe()
    {
        var (email, tokens) = await Api.SignedInUserAsync();

        using var response = await Api.GetAsync("/api/v1/auth/test-token", tokens.AccessToken);

        Assert.That((await ApiClient.ReadAsync<UserBody>(response, HttpStatusCode.OK)).Email, Is.EqualTo(email));
    }

    [Test]
    public async Task Me_WithoutAToken_Returns401ProblemWithBearerChallenge()
    {
        using var response = await Api.GetAsync("/api/v1/auth/me");

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.unauthorized"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }
}

public sealed class PasswordRehashTests
{
    [Test]
    public async Task Login_WithAHashMadeUnderWeakerParameters_RehashesWithTodaysParameters()
    {
        string email;
        string directory;
        await using (var weak = new AuthApiFactory())
        {
            using var api = weak.CreateApiClient();
            email = ApiClient.NewEmail();
            using var signup = await api.SignupAsync(email);
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
            directory = weak.DataDirectory;
        }

        await using var stronger = new AuthApiFactory(
            new Dictionary<string, string?> { ["PasswordHashing:MemoryKiB"] = "2048" }, directory);
        using var client = stronger.CreateApiClient();

        using var login = await client.LoginAsync(email);
        await ApiClient.ExpectAsync(login, HttpStatusCode.OK);

        using var scope = stronger.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().Users
            .Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync();
        Assert.That(stored, Does.StartWith("$argon2id$v=19$m=2048,"));
        using var again = await client.LoginAsync(email);
        await ApiClient.ExpectAsync(again, HttpStatusCode.OK);
    }
}

public sealed class Es256Tests
{
    [Test]
    public async Task WithEs256Selected_TokensAreSignedWithEs256_AndAccepted()
    {
        await using var factory = new AuthApiFactory(new Dictionary<string, string?> { ["Jwt:DevelopmentKeyAlgorithm"] = "ES256" });
        using var api = factory.CreateApiClient();

        var (_, tokens) = await api.SignedInUserAsync();

        Assert.That((string?)TokenForge.Header(tokens.AccessToken)["alg"], Is.EqualTo("ES256"));
        using var me = await api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        await ApiClient.ExpectAsync(me, HttpStatusCode.OK);
        using var jwks = await api.GetAsync("/.well-known/jwks.json");
        var key = JsonNode.Parse(await jwks.Content.ReadAsStringAsync())!["keys"]![0]!;
        Assert.That((string?)key["kty"], Is.EqualTo("EC"));
    }
}
