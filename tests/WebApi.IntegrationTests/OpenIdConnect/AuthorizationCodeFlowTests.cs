using System.Net;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.OpenIdConnect;

/// <summary>The provider's code flow over real HTTP: what the tokens say, and how sign-in strength and freshness are honoured.</summary>
public sealed class AuthorizationCodeFlowTests : SharedServiceTests
{
    private OidcFlow _oidc = null!;

    protected override bool IssuerAtOwnAddress => true;

    [OneTimeSetUp]
    public void CreateFlow() => _oidc = new OidcFlow(Factory, Tfa);

    [Test]
    public async Task Discovery_ListsOnlyWhatIsImplemented_AndTheSameJwks()
    {
        using var response = await Api.GetAsync("/.well-known/openid-configuration");
        var discovery = await OidcFlow.ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.That((string?)discovery["issuer"], Is.EqualTo(Factory.Issuer));
        Assert.That((string?)discovery["jwks_uri"], Is.EqualTo($"{Factory.Issuer}.well-known/jwks.json"));
        Assert.That(Strings(discovery["grant_types_supported"]), Is.EquivalentTo(new[] { "authorization_code", "refresh_token", "client_credentials" }));
        Assert.That(Strings(discovery["response_types_supported"]), Is.EquivalentTo(new[] { "code" }));
        Assert.That(Strings(discovery["code_challenge_methods_supported"]), Is.EquivalentTo(new[] { "S256" }));
        Assert.That(Strings(discovery["acr_values_supported"]), Is.EquivalentTo(new[] { "urn:auth:acr:password", "urn:auth:acr:mfa", "urn:auth:acr:phishing-resistant" }));
        Assert.That(Strings(discovery["token_endpoint_auth_methods_supported"]), Does.Not.Contain("private_key_jwt"));
        Assert.That(Strings(discovery["prompt_values_supported"]), Is.EquivalentTo(new[] { "none", "login", "consent" }));
        foreach (var endpoint in new[] { "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "end_session_endpoint", "revocation_endpoint" })
        {
            Assert.That((string?)discovery[endpoint], Does.StartWith(Factory.Issuer + "connect/"), endpoint);
        }
    }

    [Test]
    public async Task Discovery_NamesTheIssuersAddresses_WhateverHostTheRequestClaims()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = "evil.example";
        using var response = await Api.Http.SendAsync(request);
        var discovery = await OidcFlow.ReadJsonAsync(response, HttpStatusCode.OK);

        var addresses = discovery.Where(p => p.Key.EndsWith("_endpoint", StringComparison.Ordinal) || p.Key == "jwks_uri")
            .Select(p => (string?)p.Value).ToList();
        Assert.That(addresses, Has.Count.GreaterThanOrEqualTo(6));
        Assert.That(addresses, Has.All.StartWith(Factory.Issuer));
    }

    [Test]
    public async Task TfaUser_SignsIn_AndGetsTokensThatTheApiAccepts_WithTheClaimsAppsUse()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var client = await _oidc.RegisterAsync();
        using var browser = new FormBrowser();
        using (var signedIn = await _oidc.SignInAsync(browser, user.Email, user.Secret))
        {
            Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await signedIn.Content.ReadAsStringAsync());
        }

        var tokens = await _oidc.TokensForAsync(browser, client, new Dictionary<string, string?> { ["nonce"] = "n-123" });

        var access = TokenForge.Payload((string)tokens["access_token"]!);
        var id = TokenForge.Payload((string)tokens["id_token"]!);
        Assert.Multiple(() =>
        {
            Assert.That((string?)access["iss"], Is.EqualTo(Factory.Issuer));
            Assert.That((string?)access["email"], Is.EqualTo(user.Email));
            Assert.That((bool?)access["email_verified"], Is.Not.Null);
            Assert.That(access["roles"], Is.InstanceOf<JsonArray>(), "an array even with one role, as in the JSON API's tokens");
            Assert.That(Strings(access["roles"]), Does.Contain("user"));
            Assert.That(id["amr"], Is.InstanceOf<JsonArray>());
            Assert.That(Strings(access["amr"]), Is.SupersetOf(new[] { "pwd", "otp", "mfa" }));
            Assert.That((string?)access["sid"], Is.Not.Null.And.EqualTo((string?)id["sid"]));
            Assert.That((string?)id["sub"], Is.EqualTo((string?)access["sub"]));
            Assert.That((string?)id["nonce"], Is.EqualTo("n-123"));
            Assert.That((string?)id["acr"], Is.EqualTo("urn:auth:acr:mfa"));
            Assert.That((long?)id["auth_time"], Is.EqualTo(Factory.Clock.GetUtcNow().ToUnixTimeSeconds()).Within(120));
            Assert.That(Strings(id["amr"]), Does.Contain("otp"));
            Assert.That((string?)tokens["refresh_token"], Is.Not.Null);
        });
        using var me = await Api.GetAsync("/api/v1/auth/me", (string)tokens["access_token"]!);
        await ApiClient.ExpectAsync(me, HttpStatusCode.OK);

        // Signed by the JSON API's key ring: the key is in the same JWK Set.
        using var jwks = await Api.GetAsync("/.well-known/jwks.json");
        var kids = JsonNode.Parse(await jwks.Content.ReadAsStringAsync())!["keys"]!.AsArray().Select(k => (string?)k!["kid"]).ToList();
        Assert.That(kids, Does.Contain((string?)TokenForge.Header((string)tokens["id_token"]!)["kid"]));
        Assert.That(kids, Does.Contain((string?)TokenForge.Header((string)tokens["access_token"]!)["kid"]));
        Assert.That((string?)TokenForge.Header((string)tokens["access_token"]!)["typ"], Is.EqualTo("at+jwt"));
    }

    [Test]
    public async Task EmailDeviceUser_SignsInOnThePages_WithAResentCode_OrABackupToken()
    {
        var user = await Tfa.SignupAsync("email");
        var client = await _oidc.RegisterAsync();
        using var browser = new FormBrowser();
        var signIn = new Uri(_oidc.Base, "/account/signin");
        using (var password = await browser.SubmitAsync(signIn, new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = TestPasswords.Strong }, "/account/signin"))
        {
            Assert.That(password.Headers.Location!.OriginalString, Does.StartWith("/account/signin/tfa"));
        }

        var step = new Uri(_oidc.Base, "/account/signin/tfa");
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var resent = await browser.SubmitAsync(step, new Dictionary<string, string>(), "/account/signin/tfa/resend"))
        {
            Assert.That(await resent.Content.ReadAsStringAsync(), Does.Contain("A new code is on its way"));
        }

        var code = await Tfa.LatestCodeAsync(user.Email, "Your sign-in code");
        using (var wrong = await browser.SubmitAsync(step, new Dictionary<string, string> { ["BackupToken"] = "not-a-backup-token" }, "/account/signin/tfa"))
        {
            Assert.That(wrong.StatusCode, Is.Not.EqualTo(HttpStatusCode.Redirect));
        }

        using (var verified = await browser.SubmitAsync(step, new Dictionary<string, string> { ["Code"] = code }, "/account/signin/tfa"))
        {
            Assert.That(verified.Headers.Location!.OriginalString, Is.EqualTo("/account"));
        }

        var tokens = await _oidc.TokensForAsync(browser, client);
        Assert.That(Strings(TokenForge.Payload((string)tokens["id_token"]!)["amr"]), Does.Contain("otp"));

        // Another browser, with a backup token instead of the code.
        using var other = new FormBrowser();
        using (var password = await other.SubmitAsync(signIn, new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = TestPasswords.Strong }, "/account/signin"))
        {
            Assert.That(password.Headers.Location!.OriginalString, Does.StartWith("/account/signin/tfa"));
        }

        using var recovered = await other.SubmitAsync(step, new Dictionary<string, string> { ["BackupToken"] = user.BackupTokens[0] }, "/account/signin/tfa");
        Assert.That(recovered.Headers.Location!.OriginalString, Is.EqualTo("/account"));
        var recoveredTokens = await _oidc.TokensForAsync(other, client);
        Assert.That((string?)TokenForge.Payload((string)recoveredTokens["id_token"]!)["acr"], Is.EqualTo("urn:auth:acr:mfa"));
    }

    private static List<string?> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(v => (string?)v).ToList() : [(string?)node];
}
