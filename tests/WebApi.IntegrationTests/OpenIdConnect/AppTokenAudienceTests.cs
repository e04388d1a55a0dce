using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Auth.Application.Admin.Clients;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.OpenIdConnect;

/// <summary>
/// An app's token is a key to the app's own resources, not to Auth: the JSON API takes a provider token only when the
/// app was granted the <c>api</c> scope, and the admin API never takes one, whoever the user is.
/// </summary>
public sealed class AppTokenAudienceTests : SharedServiceTests
{
    private OidcFlow _oidc = null!;

    [OneTimeSetUp]
    public void CreateFlow() => _oidc = new OidcFlow(Factory, Tfa);

    /// <summary>An administrator (the strongest account an app could be handed), signed in on the hosted pages.</summary>
    private async Task<FormBrowser> SignedInAdministratorAsync()
    {
        var email = await Tfa.AdministratorAsync();
        var browser = new FormBrowser();
        using var signedIn = await _oidc.SignInAsync(browser, email);
        return browser;
    }

    /// <summary>A third-party app registered with the default scopes, allowed by the user with <paramref name="scope"/>.</summary>
    private async Task<JsonObject> ThirdPartyTokensAsync(FormBrowser browser, string scope)
    {
        var client = await _oidc.RegisterAsync(firstParty: false, scopes: ClientVocabulary.DefaultScopes);
        var pkce = Pkce.Create();
        var (consent, consentUrl) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, pkce, new Dictionary<string, string?> { ["scope"] = scope }));
        using var allowed = await browser.SubmitFormAsync(consentUrl, await consent.Content.ReadAsStringAsync(),
            new Dictionary<string, string> { ["consent"] = "allow" }, "/connect/authorize");
        using var redeemed = await _oidc.RedeemCodeAsync(client, OidcFlow.CallbackOf(allowed)["code"], pkce.Verifier);
        return await OidcFlow.ReadJsonAsync(redeemed, HttpStatusCode.OK);
    }

    [Test]
    public async Task AThirdPartyAppsToken_IsRefusedByEveryAuthenticatedOperationOfTheJsonApi_EvenForAnAdministrator()
    {
        using var browser = await SignedInAdministratorAsync();
        var tokens = await ThirdPartyTokensAsync(browser, "openid offline_access");
        var token = (string)tokens["access_token"]!;
        Assert.That((string?)TokenForge.Payload(token)["aud"], Is.Not.EqualTo(Factory.Audience), "the token is for the app, not for Auth");

        using var documentResponse = await Api.GetAsync("/openapi/v1.json");
        var paths = JsonNode.Parse(await documentResponse.Content.ReadAsStringAsync())!["paths"]!.AsObject();
        var accepted = new List<string>();
        var tried = 0;
        foreach (var (template, operations) in paths)
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var path = System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", Guid.NewGuid().ToString());
                using var anonymous = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path) { Content = JsonContent() };
                using var withoutToken = await Api.Http.SendAsync(anonymous);
                if (withoutToken.StatusCode != HttpStatusCode.Unauthorized)
                {
                    continue; // open to anyone (sign-up, login, health, discovery): a token adds nothing there
                }

                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path) { Content = JsonContent() };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await Api.Http.SendAsync(request);
                tried++;
                if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                {
                    accepted.Add($"{method.ToUpperInvariant()} {template} -> {(int)response.StatusCode}");
                }
            }
        }

        Assert.That(tried, Is.GreaterThan(30), "the sweep covered the document's authenticated operations");
        Assert.That(accepted, Is.Empty);
    }

    [Test]
    public async Task AnAppGrantedTheApiScope_CallsTheJsonApiAsTheUser_ButNeverTheAdminApi()
    {
        using var browser = await SignedInAdministratorAsync();
        var client = await _oidc.RegisterAsync(firstParty: true, scopes: ClientVocabulary.Scopes);
        var tokens = await _oidc.TokensForAsync(browser, client);
        var token = (string)tokens["access_token"]!;

        using var me = await Api.GetAsync("/api/v1/auth/me", token);
        using var users = await Api.GetAsync("/api/v1/admin/users", token);
        using var key = await Api.PostJsonAsync("/api/v1/admin/api_keys", new { name = "app's key", scopes = new[] { "users:read" } }, token);

        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)TokenForge.Payload(token)["aud"], Is.EqualTo(Factory.Audience));
        Assert.That((string?)(await ApiClient.ReadProblemAsync(users, HttpStatusCode.Forbidden))["code"], Is.EqualTo("auth.forbidden"));
        Assert.That(key.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task AClientRegisteredWithoutTheApiScope_CannotAskForIt()
    {
        using var browser = await SignedInAdministratorAsync();
        var client = await _oidc.RegisterAsync(firstParty: true, scopes: ClientVocabulary.DefaultScopes);

        var (answer, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create()));

        using (answer)
        {
            // Refused by OpenIddict before any code exists (shown on Auth's page today; RFC 6749 would send it back).
            var shown = answer.StatusCode == HttpStatusCode.Redirect
                ? string.Join("&", OidcFlow.CallbackOf(answer).Select(p => $"{p.Key}={p.Value}"))
                : await answer.Content.ReadAsStringAsync();
            Assert.That(shown, Does.Contain("not allowed to use the specified scope").And.Not.Contain("code="));
        }
    }

    [Test]
    public async Task AnAppsToken_CarriesTheAddressAndRoles_OnlyWithTheScopesThatAskForThem()
    {
        using var browser = await SignedInAdministratorAsync();
        var bare = TokenForge.Payload((string)(await ThirdPartyTokensAsync(browser, "openid"))["access_token"]!);
        var full = TokenForge.Payload((string)(await ThirdPartyTokensAsync(browser, "openid email roles"))["access_token"]!);

        Assert.Multiple(() =>
        {
            Assert.That(bare.ContainsKey("email"), Is.False);
            Assert.That(bare.ContainsKey("roles"), Is.False);
            Assert.That((string?)bare["sub"], Is.Not.Null);
            Assert.That((string?)full["email"], Does.Contain("@example.com"));
            Assert.That(full["roles"]!.AsArray().Select(r => (string?)r), Does.Contain("admin"));
        });
    }

    [Test]
    public async Task WhatAnAppDoesWithItsToken_IsAuditedWithItsClientId()
    {
        using var browser = await SignedInAdministratorAsync();
        var client = await _oidc.RegisterAsync(firstParty: true, scopes: ClientVocabulary.Scopes);
        var token = (string)(await _oidc.TokensForAsync(browser, client))["access_token"]!;
        var userId = (string)TokenForge.Payload(token)["sub"]!;

        using (var logout = await Api.PostJsonAsync("/api/v1/auth/logout", new { }, token))
        {
            await ApiClient.ExpectAsync(logout, HttpStatusCode.NoContent);
        }

        var admin = await Tfa.AdminTokenAsync();
        using var revoked = await Api.GetAsync($"/api/v1/admin/audit?user_id={userId}&type=session.revoked", admin);
        using var signedIn = await Api.GetAsync($"/api/v1/admin/audit?user_id={userId}&type=login.succeeded", admin);
        var entries = JsonNode.Parse(await revoked.Content.ReadAsStringAsync())!["items"]!.AsArray();
        var signIn = JsonNode.Parse(await signedIn.Content.ReadAsStringAsync())!["items"]!.AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => (string?)e!["client_id"]), Is.EqualTo(new[] { client.ClientId }), "the app's act names the app");
            Assert.That(signIn.Select(e => (string?)e!["client_id"]), Has.All.Null, "the user's own sign-in on the pages names no app");
        });
    }

    private static StringContent JsonContent() => new("{}", System.Text.Encoding.UTF8, "application/json");
}
