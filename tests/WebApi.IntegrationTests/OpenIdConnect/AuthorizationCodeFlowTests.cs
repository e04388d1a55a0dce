using System.Net;
using System.Text.Json.Nodes;
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
        Assert.That(Strings(discovery["acr_values_supported"]), Is.EquivalentTo(new[] { "urn:auth:acr:password", "urn:auth:acr:mfa" }));
        Assert.That(Strings(discovery["token_endpoint_auth_methods_supported"]), Does.Not.Contain("private_key_jwt"));
        Assert.That(Strings(discovery["prompt_values_supported"]), Is.EquivalentTo(new[] { "none", "login", "consent" }));
        foreach (var endpoint in new[] { "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "end_session_endpoint", "revocation_endpoint" })
        {
            Assert.That((string?)discovery[endpoint], Does.StartWith(Factory.Issuer + "connect/"), endpoint);
        }
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
            Assert.That(Strings(access["roles"]), Does.Contain("user"));
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
    }

    private static List<string?> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(v => (string?)v).ToList() : [(string?)node];
}
