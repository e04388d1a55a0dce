using System.Net;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.WebApi.IntegrationTests.OpenIdConnect;

/// <summary>What an attacker or a broken relying app tries against the provider, over real HTTP.</summary>
public sealed class ProtocolEdgeCaseTests : SharedServiceTests
{
    private OidcFlow _oidc = null!;

    protected override bool IssuerAtOwnAddress => true;

    [OneTimeSetUp]
    public void CreateFlow() => _oidc = new OidcFlow(Factory, Tfa);

    [TestCase("/extra")]
    [TestCase("https://evil.example/callback")]
    public async Task UnregisteredRedirectUri_ShowsAnErrorPage_AndSendsNothingThere(string redirect)
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var target = redirect.StartsWith('/') ? client.RedirectUri + redirect : redirect;

        var (answer, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client with { RedirectUri = target }, Pkce.Create()));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Headers.Location, Is.Null);
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("Sign-in request refused").And.Not.Contain("code="));
        browser.Dispose();
    }

    [Test]
    public async Task PublicClient_WithoutPkce_IsRefused_AndGetsNoCode()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(type: "public");
        var url = _oidc.AuthorizeUrl(client, pkce: null);

        var (answer, _) = await _oidc.VisitAsync(browser, url);

        // The client and its redirect URI are valid, so the error goes back to the app (RFC 6749 §4.1.2.1).
        AssertReturnedToTheApp(answer, url, client, "invalid_request");
        browser.Dispose();
    }

    [Test]
    public async Task ConfidentialClient_WithoutPkce_IsRefusedToo_AndGetsNoCode()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var url = _oidc.AuthorizeUrl(client, pkce: null);

        var (answer, _) = await _oidc.VisitAsync(browser, url);

        // RFC 9700 §2.1.1: a client secret does not protect a code stolen on its way back; PKCE does.
        AssertReturnedToTheApp(answer, url, client, "invalid_request");
        browser.Dispose();
    }

    [TestCase("response_type", "token", "unsupported_response_type")]
    [TestCase("scope", "openid unknown-scope", "invalid_scope")]
    public async Task ARequestErrorAfterAValidClientAndRedirectUri_GoesBackToTheApp_WithStateAndIss(string parameter, string value, string error)
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var url = _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { [parameter] = value });

        var (answer, _) = await _oidc.VisitAsync(browser, url);

        AssertReturnedToTheApp(answer, url, client, error);
        browser.Dispose();
    }

    [Test]
    public async Task PlainCodeChallengeMethod_IsRefused()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(type: "public");
        var url = _oidc.AuthorizeUrl(client, pkce: null, new Dictionary<string, string?>
        {
            ["code_challenge"] = "plain-challenge-plain-challenge-plain-challenge-0123",
            ["code_challenge_method"] = "plain",
        });

        var (answer, _) = await _oidc.VisitAsync(browser, url);

        AssertReturnedToTheApp(answer, url, client, "invalid_request");
        browser.Dispose();
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task WrongOrMissingCodeVerifier_IsRefused(bool missing)
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(type: "public");
        var code = await CodeAsync(browser, client, Pkce.Create());

        using var redeemed = await _oidc.RedeemCodeAsync(client, code, missing ? null : Pkce.Create().Verifier);

        var error = await OidcFlow.ReadJsonAsync(redeemed, HttpStatusCode.BadRequest);
        Assert.That((string?)error["error"], Is.EqualTo(missing ? "invalid_request" : "invalid_grant"));
        browser.Dispose();
    }

    [Test]
    public async Task ReusedCode_FailsTheSecondTime_AndRevokesWhatTheFirstIssued()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var pkce = Pkce.Create();
        var code = await CodeAsync(browser, client, pkce);
        using var first = await _oidc.RedeemCodeAsync(client, code, pkce.Verifier);
        var tokens = await OidcFlow.ReadJsonAsync(first, HttpStatusCode.OK);

        using var second = await _oidc.RedeemCodeAsync(client, code, pkce.Verifier);
        using var refresh = await _oidc.RefreshAsync(client, (string)tokens["refresh_token"]!);

        Assert.That((string?)(await OidcFlow.ReadJsonAsync(second, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        Assert.That((string?)(await OidcFlow.ReadJsonAsync(refresh, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        browser.Dispose();
    }

    [Test]
    public async Task ExpiredCode_IsRefused()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var pkce = Pkce.Create();
        var code = await CodeAsync(browser, client, pkce);

        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        using var redeemed = await _oidc.RedeemCodeAsync(client, code, pkce.Verifier);

        Assert.That((string?)(await OidcFlow.ReadJsonAsync(redeemed, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        browser.Dispose();
    }

    [Test]
    public async Task WrongClientSecret_IsRefusedAsAnInvalidClient()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var pkce = Pkce.Create();
        var code = await CodeAsync(browser, client, pkce);

        using var redeemed = await _oidc.TokenAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = client.RedirectUri, ["code_verifier"] = pkce.Verifier,
        }, secret: "not-the-secret");

        Assert.That((string?)(await OidcFlow.ReadJsonAsync(redeemed, HttpStatusCode.Unauthorized))["error"], Is.EqualTo("invalid_client"));
        browser.Dispose();
    }

    [Test]
    public async Task State_IsEchoedBack_WithTheIssuer()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();

        var (answer, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { ["state"] = "xyz-42" }));

        var callback = OidcFlow.CallbackOf(answer);
        Assert.That(answer.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(client.RedirectUri));
        Assert.That(callback["state"], Is.EqualTo("xyz-42"));
        Assert.That(callback["iss"], Is.EqualTo(Factory.Issuer));
        browser.Dispose();
    }

    [Test]
    public async Task RefreshToken_Rotates_AndReusingTheOldOneRevokesTheNewOne()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var tokens = await _oidc.TokensForAsync(browser, client);
        var original = (string)tokens["refresh_token"]!;

        using var rotated = await _oidc.RefreshAsync(client, original);
        var refreshed = await OidcFlow.ReadJsonAsync(rotated, HttpStatusCode.OK);
        var next = (string)refreshed["refresh_token"]!;
        Assert.That(TokenForge.Payload((string)refreshed["access_token"]!)["amr"]!.ToJsonString(), Is.EqualTo("[\"pwd\"]"));
        using var replayed = await _oidc.RefreshAsync(client, original);
        using var afterReplay = await _oidc.RefreshAsync(client, next);

        Assert.That(next, Is.Not.EqualTo(original));
        Assert.That((string?)(await OidcFlow.ReadJsonAsync(replayed, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        Assert.That((string?)(await OidcFlow.ReadJsonAsync(afterReplay, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        browser.Dispose();
    }

    [Test]
    public async Task RevokingTheSessionThroughTheApi_EndsItsRefreshTokens_AndSignsTheBrowserOut()
    {
        var (browser, email) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var tokens = await _oidc.TokensForAsync(browser, client);
        var sid = (string)TokenForge.Payload((string)tokens["access_token"]!)["sid"]!;
        var api = await Api.LoginTokensAsync(email);

        using (var revoke = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{sid}", null, api.AccessToken))
        {
            await ApiClient.ExpectAsync(revoke, HttpStatusCode.NoContent);
        }

        using var refresh = await _oidc.RefreshAsync(client, (string)tokens["refresh_token"]!);
        using var me = await Api.GetAsync("/api/v1/auth/me", (string)tokens["access_token"]!);
        using var account = await browser.GetAsync(new Uri(_oidc.Base, "/account"));

        Assert.That((string?)(await OidcFlow.ReadJsonAsync(refresh, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(account.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(account.Headers.Location!.OriginalString, Does.Contain("/account/signin"));
        browser.Dispose();
    }

    [Test]
    public async Task NoSecretOfTheFlow_ReachesTheLogs()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var pkce = Pkce.Create();
        var code = await CodeAsync(browser, client, pkce);
        using var redeemed = await _oidc.RedeemCodeAsync(client, code, pkce.Verifier);
        var tokens = await OidcFlow.ReadJsonAsync(redeemed, HttpStatusCode.OK);
        using var refreshed = await _oidc.RefreshAsync(client, (string)tokens["refresh_token"]!);
        using var wrongSecret = await _oidc.TokenAsync(client, new Dictionary<string, string> { ["grant_type"] = "client_credentials" }, "wrong-secret-123456");

        var logs = string.Join('\n', Factory.Logs.Events);
        foreach (var secret in new[]
        {
            client.Secret!, "wrong-secret-123456", code, pkce.Verifier, TestPasswords.Strong,
            (string)tokens["refresh_token"]!, (string)tokens["access_token"]!, (string)tokens["id_token"]!,
        })
        {
            Assert.That(Factory.Logs.Events.Where(e => e.Contains(secret, StringComparison.Ordinal)), Is.Empty);
        }

        browser.Dispose();
    }

    [Test]
    public async Task SignIn_NeverReturnsToAnotherSite()
    {
        var (email, _) = await Api.SignedInUserAsync();
        using var browser = new FormBrowser();

        foreach (var returnUrl in new[] { "https://evil.example/", "//evil.example/", "/\\evil.example/" })
        {
            using var posted = await _oidc.SignInAsync(browser, email, query: $"?returnUrl={Uri.EscapeDataString(returnUrl)}&force=true");
            Assert.That(posted.Headers.Location!.OriginalString, Is.EqualTo("/account"), returnUrl);
        }
    }

    [Test]
    public async Task DisablingTheAccount_EndsTheAppsTokens_AndTheBrowserSession()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var tokens = await _oidc.TokensForAsync(browser, client);
        var userId = (string)TokenForge.Payload((string)tokens["access_token"]!)["sub"]!;
        var admin = await Tfa.AdminTokenAsync();

        using (var disabled = await Api.PostJsonAsync($"/api/v1/admin/users/{userId}/disable", new { }, admin))
        {
            await ApiClient.ExpectAsync(disabled, HttpStatusCode.NoContent);
        }

        using var refresh = await _oidc.RefreshAsync(client, (string)tokens["refresh_token"]!);
        var (answer, url) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create()));

        Assert.That((string?)(await OidcFlow.ReadJsonAsync(refresh, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        Assert.That(url.AbsolutePath, Is.EqualTo("/account/signin"), "no code for a disabled account's browser");
        answer.Dispose();
        browser.Dispose();
    }

    [Test]
    public async Task PromptNone_WithoutASession_AnswersLoginRequired()
    {
        using var browser = new FormBrowser();
        var client = await _oidc.RegisterAsync();

        var (answer, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { ["prompt"] = "none" }));

        Assert.That(OidcFlow.CallbackOf(answer)["error"], Is.EqualTo("login_required"));
    }

    [Test]
    public async Task WithoutASession_TheBrowserIsSentToTheSignInPage_AndBackAfterwards()
    {
        var (email, _) = await Api.SignedInUserAsync();
        using var browser = new FormBrowser();
        var client = await _oidc.RegisterAsync();

        var (page, pageUrl) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create()));
        Assert.That(pageUrl.AbsolutePath, Is.EqualTo("/account/signin"));
        var html = await page.Content.ReadAsStringAsync();
        using var signedIn = await browser.SubmitFormAsync(pageUrl, html,
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestPasswords.Strong }, "/account/signin");
        var (answer, _) = await _oidc.VisitAsync(browser, new Uri(pageUrl, signedIn.Headers.Location!));

        Assert.That(OidcFlow.CallbackOf(answer), Does.ContainKey("code"));
    }

    [Test]
    public async Task MaxAge_OlderThanTheSignIn_SendsTheBrowserToSignInAgain()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));

        var (_, url) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { ["max_age"] = "60" }));
        var (_, fresh) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { ["max_age"] = "3600" }));

        Assert.That(url.AbsolutePath, Is.EqualTo("/account/signin"));
        Assert.That(url.Query, Does.Contain("force=true"));
        Assert.That(fresh.AbsolutePath, Is.EqualTo("/connect/authorize"));
        browser.Dispose();
    }

    [Test]
    public async Task PromptLogin_SendsTheBrowserToSignInAgain_AndTheNewSessionReplacesTheOld()
    {
        var (browser, email) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var first = (string)TokenForge.Payload((string)(await _oidc.TokensForAsync(browser, client))["access_token"]!)["sid"]!;

        var (page, pageUrl) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { ["prompt"] = "login" }));
        Factory.Clock.Advance(TimeSpan.FromSeconds(5)); // the person types the password after being asked
        using var signedIn = await browser.SubmitFormAsync(pageUrl, await page.Content.ReadAsStringAsync(),
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestPasswords.Strong }, "/account/signin");
        var back = new Uri(pageUrl, signedIn.Headers.Location!);
        var (answer, _) = await _oidc.VisitAsync(browser, back);

        Assert.That(pageUrl.AbsolutePath, Is.EqualTo("/account/signin"));
        Assert.That(back.Query, Does.Contain("signin_stamp="), "the way back is stamped; the fresh sign-in meets prompt=login");
        Assert.That(OidcFlow.CallbackOf(answer), Does.ContainKey("code"));
        var sessions = await SessionsAsync(email);
        Assert.That(sessions, Does.Not.Contain(first), "the replaced browser session is revoked");
        browser.Dispose();
    }

    [Test]
    public async Task PromptLogin_FollowingTheWayBackWithoutSigningIn_GetsNoCode()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();

        var (_, pageUrl) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { ["prompt"] = "login" }));
        var wayBack = new Uri(_oidc.Base, Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(pageUrl.Query)["returnUrl"].ToString());
        var (answer, answeredAt) = await _oidc.VisitAsync(browser, wayBack);

        Assert.That(answeredAt.AbsolutePath, Is.EqualTo("/account/signin"), "sent to sign in again");
        Assert.That(answer.Headers.Location?.ToString() ?? "", Does.Not.Contain("code="));
        browser.Dispose();
    }

    [Test]
    public async Task MaxAgeZero_IsMetByOneFreshSignIn_WithoutALoop()
    {
        var (browser, email) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();

        Factory.Clock.Advance(TimeSpan.FromSeconds(1)); // any sign-in is older than max_age=0 a moment later
        var (page, pageUrl) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { ["max_age"] = "0" }));
        Factory.Clock.Advance(TimeSpan.FromSeconds(5)); // the person types the password after being asked
        using var signedIn = await browser.SubmitFormAsync(pageUrl, await page.Content.ReadAsStringAsync(),
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestPasswords.Strong }, "/account/signin");
        Factory.Clock.Advance(TimeSpan.FromSeconds(2)); // a person's way back takes time: auth_time is then older than 0 s
        var (answer, _) = await _oidc.VisitAsync(browser, new Uri(pageUrl, signedIn.Headers.Location!));

        Assert.That(pageUrl.AbsolutePath, Is.EqualTo("/account/signin"));
        Assert.That(OidcFlow.CallbackOf(answer), Does.ContainKey("code"));
        browser.Dispose();
    }

    [Test]
    public async Task AcrValuesMultiFactor_OnARememberedDevice_AsksForTheSecondFactorAgain()
    {
        var user = await Tfa.SignupAsync("code_generator");
        using var browser = new FormBrowser();
        var client = await _oidc.RegisterAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var tfaPage = await PasswordStepAsync(browser, user.Email, "/account/signin");
        using (var remembered = await browser.SubmitAsync(tfaPage, new Dictionary<string, string>
        {
            ["Code"] = Tfa.CodeFor(user.Secret!), ["RememberDevice"] = "true",
        }, "/account/signin/tfa"))
        {
            Assert.That(remembered.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        // Signed in again on the remembered device: the password alone.
        await SignOutAsync(browser);
        using (var passwordOnly = await _oidc.SignInAsync(browser, user.Email))
        {
            Assert.That(passwordOnly.Headers.Location!.OriginalString, Does.Not.Contain("tfa"));
        }

        var weak = TokenForge.Payload((string)(await _oidc.TokensForAsync(browser, client))["id_token"]!);
        var (_, stepUp) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(),
            new Dictionary<string, string?> { ["acr_values"] = "urn:auth:acr:mfa" }));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(stepUp.Query);
        var secondFactor = await PasswordStepAsync(browser, user.Email, $"/account/signin{stepUp.Query}");

        Assert.That((string?)weak["acr"], Is.EqualTo("urn:auth:acr:password"));
        Assert.That(stepUp.AbsolutePath, Is.EqualTo("/account/signin"));
        Assert.That(query["acr"].ToString(), Is.EqualTo("urn:auth:acr:mfa"));
        Assert.That(secondFactor.AbsolutePath, Is.EqualTo("/account/signin/tfa"), "the remembered device does not skip a step-up");
    }

    [Test]
    public async Task AcrValuesMultiFactor_ForAnAccountWithoutASecondFactor_AnswersUnmetAuthenticationRequirements()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();

        var (answer, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(),
            new Dictionary<string, string?> { ["acr_values"] = "urn:auth:acr:mfa" }));

        Assert.That(OidcFlow.CallbackOf(answer)["error"], Is.EqualTo("unmet_authentication_requirements"));
        browser.Dispose();
    }

    [Test]
    public async Task ThirdPartyApp_AsksForConsent_AndRemembersTheAnswer()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(firstParty: false);

        var (consent, consentUrl) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create()));
        var html = await consent.Content.ReadAsStringAsync();
        Assert.That(consent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("Allow access?").And.Contain($"App {client.ClientId}"));
        using var allowed = await browser.SubmitFormAsync(consentUrl, html, new Dictionary<string, string> { ["consent"] = "allow" }, "/connect/authorize");
        var (again, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create()));

        Assert.That(OidcFlow.CallbackOf(allowed), Does.ContainKey("code"));
        Assert.That(OidcFlow.CallbackOf(again), Does.ContainKey("code"), "the consent is remembered");
        browser.Dispose();
    }

    [Test]
    public async Task WithdrawingConsentOnTheAccountPage_StopsTheAppsRefreshTokens_AndTheAppMustAskAgain()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(firstParty: false);
        var pkce = Pkce.Create();
        var (consent, consentUrl) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, pkce));
        using var allowed = await browser.SubmitFormAsync(consentUrl, await consent.Content.ReadAsStringAsync(),
            new Dictionary<string, string> { ["consent"] = "allow" }, "/connect/authorize");
        using var redeemed = await _oidc.RedeemCodeAsync(client, OidcFlow.CallbackOf(allowed)["code"], pkce.Verifier);
        var first = await OidcFlow.ReadJsonAsync(redeemed, HttpStatusCode.OK);
        using var rotated = await _oidc.RefreshAsync(client, (string)first["refresh_token"]!);
        var tokens = await OidcFlow.ReadJsonAsync(rotated, HttpStatusCode.OK);

        var account = new Uri(_oidc.Base, "/account");
        using var page = await browser.GetAsync(account);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain($"App {client.ClientId}"));
        using var withdrawn = await browser.SubmitFormAsync(account, html, new Dictionary<string, string>(), "/account/consents/");
        using var refresh = await _oidc.RefreshAsync(client, (string)tokens["refresh_token"]!);
        var (askedAgain, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create()));

        Assert.That(withdrawn.Headers.Location!.OriginalString, Is.EqualTo("/account?done=consent-revoked"));
        Assert.That((string?)(await OidcFlow.ReadJsonAsync(refresh, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        Assert.That(await askedAgain.Content.ReadAsStringAsync(), Does.Contain("Allow access?"));
        using (var scope = Factory.Services.CreateScope())
        {
            var userId = Guid.Parse((string)TokenForge.Payload((string)tokens["access_token"]!)["sub"]!);
            var events = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEvents
                .Where(e => e.UserId == userId).Select(e => e.Type).ToListAsync();
            Assert.That(events, Does.Contain("consent.granted").And.Contain("consent.revoked"));
        }

        browser.Dispose();
    }

    [Test]
    public async Task PromptConsent_AsksAgain_EvenAfterAYes()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(firstParty: false);
        var (consent, consentUrl) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create()));
        using (await browser.SubmitFormAsync(consentUrl, await consent.Content.ReadAsStringAsync(),
            new Dictionary<string, string> { ["consent"] = "allow" }, "/connect/authorize"))
        {
        }

        var (again, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { ["prompt"] = "consent" }));

        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("Allow access?"));
        browser.Dispose();
    }

    [Test]
    public async Task AFirstPartyApp_NeverShowsTheConsentPage()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(firstParty: true);

        var (answer, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { ["prompt"] = "none" }));

        Assert.That(OidcFlow.CallbackOf(answer), Does.ContainKey("code"));
        browser.Dispose();
    }

    [Test]
    public async Task ThirdPartyApp_WithPromptNone_AndNoConsent_AnswersConsentRequired()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(firstParty: false);

        var (answer, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(), new Dictionary<string, string?> { ["prompt"] = "none" }));

        Assert.That(OidcFlow.CallbackOf(answer)["error"], Is.EqualTo("consent_required"));
        browser.Dispose();
    }

    [Test]
    public async Task AnIdTokenHintOfAnotherSession_DoesNotSignThisBrowserOutWithoutAsking()
    {
        var (first, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var otherTokens = await _oidc.TokensForAsync(first, client);
        var (second, _) = await _oidc.SignedInBrowserAsync();

        var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(new Uri(_oidc.Base, "/connect/endsession").ToString(), new Dictionary<string, string?>
        {
            ["id_token_hint"] = (string)otherTokens["id_token"]!, ["post_logout_redirect_uri"] = client.PostLogoutRedirectUri,
        });
        var (answer, _) = await _oidc.VisitAsync(second, new Uri(url));

        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("Sign out?"));
        Assert.That(second.Cookies, Does.ContainKey("auth_session"));
        first.Dispose();
        second.Dispose();
    }

    [Test]
    public async Task ThirdPartyApp_Declined_GetsAccessDenied()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(firstParty: false);

        var (consent, consentUrl) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create()));
        using var denied = await browser.SubmitFormAsync(consentUrl, await consent.Content.ReadAsStringAsync(),
            new Dictionary<string, string> { ["consent"] = "deny" }, "/connect/authorize");

        Assert.That(OidcFlow.CallbackOf(denied)["error"], Is.EqualTo("access_denied"));
        browser.Dispose();
    }

    [Test]
    public async Task ConsentPostedFromAnotherSite_WithoutTheAntiforgeryToken_GrantsNothing()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(firstParty: false);
        var (consent, consentUrl) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create()));
        var form = FormBrowser.Forms(await consent.Content.ReadAsStringAsync()).Single(f => f.Action.Contains("/connect/authorize", StringComparison.Ordinal));
        var forged = form.Hidden.Where(h => h.Key != "__RequestVerificationToken").Append(new("consent", "allow"));

        using var answer = await browser.PostFormAsync(new Uri(consentUrl, "/connect/authorize"), forged);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the consent page is shown again");
        Assert.That(answer.Headers.Location, Is.Null);
        browser.Dispose();
    }

    [Test]
    public async Task SignInFormPostedWithoutTheAntiforgeryToken_IsRefusedWithAPage_AndSignsNobodyIn()
    {
        var (email, _) = await Api.SignedInUserAsync();
        using var browser = new FormBrowser();

        using var answer = await browser.PostFormAsync(new Uri(_oidc.Base, "/account/signin"),
            [new("Email", email), new("Password", TestPasswords.Strong)]);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("nothing was changed"));
        Assert.That(browser.Cookies, Does.Not.ContainKey("auth_session"));
    }

    [Test]
    public async Task ChangingThePasswordOnTheAccountPage_EndsTheAppsRefreshTokens_EvenOfThisBrowsersSession()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var tokens = await _oidc.TokensForAsync(browser, client);

        using (var changed = await browser.SubmitAsync(new Uri(_oidc.Base, "/account/password"),
                   new Dictionary<string, string> { ["CurrentPassword"] = TestPasswords.Strong, ["NewPassword"] = "a brand new passphrase 42" }, "/account/password"))
        {
            Assert.That(changed.StatusCode, Is.Not.EqualTo(HttpStatusCode.BadRequest), await changed.Content.ReadAsStringAsync());
        }

        using var refresh = await _oidc.RefreshAsync(client, (string)tokens["refresh_token"]!);
        using var account = await browser.GetAsync(new Uri(_oidc.Base, "/account"));

        Assert.That((string?)(await OidcFlow.ReadJsonAsync(refresh, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        Assert.That(account.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the browser that changed it stays signed in");
    }

    [Test]
    public async Task ClientCredentials_GivesAServiceTokenWithoutASession_ThatTheUserApiRefuses()
    {
        var client = await _oidc.RegisterAsync(grantTypes: ["client_credentials"]);

        using var response = await _oidc.TokenAsync(client, new Dictionary<string, string> { ["grant_type"] = "client_credentials" });
        var token = (string)(await OidcFlow.ReadJsonAsync(response, HttpStatusCode.OK))["access_token"]!;
        using var me = await Api.GetAsync("/api/v1/auth/me", token);

        var claims = TokenForge.Payload(token);
        Assert.That((string?)claims["sub"], Is.EqualTo(client.ClientId));
        Assert.That(claims.ContainsKey("sid"), Is.False);
        Assert.That(TokenForge.Header(token)["kid"]!.ToString(), Is.Not.Empty);
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task UserInfo_AnswersWithTheClaimsTheScopesAllow()
    {
        var (browser, email) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var tokens = await _oidc.TokensForAsync(browser, client, new Dictionary<string, string?> { ["scope"] = "openid email" });

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_oidc.Base, "/connect/userinfo"));
        request.Headers.Authorization = new("Bearer", (string)tokens["access_token"]!);
        using var response = await Api.Http.SendAsync(request);
        var claims = await OidcFlow.ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.That((string?)claims["email"], Is.EqualTo(email));
        Assert.That(claims.ContainsKey("name"), Is.False, "no profile scope");
        browser.Dispose();
    }

    [Test]
    public async Task RevokedRefreshToken_NoLongerRefreshes()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var tokens = await _oidc.TokensForAsync(browser, client);

        using var http = new HttpClient();
        using var revoked = await http.PostAsync(new Uri(_oidc.Base, "/connect/revoke"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = (string)tokens["refresh_token"]!, ["token_type_hint"] = "refresh_token", ["client_id"] = client.ClientId, ["client_secret"] = client.Secret!,
        }));
        using var refresh = await _oidc.RefreshAsync(client, (string)tokens["refresh_token"]!);

        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)(await OidcFlow.ReadJsonAsync(refresh, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        browser.Dispose();
    }

    [Test]
    public async Task LogoutWithTheIdTokenHint_EndsTheSession_AndReturnsToTheRegisteredUri()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var tokens = await _oidc.TokensForAsync(browser, client);

        var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(new Uri(_oidc.Base, "/connect/endsession").ToString(), new Dictionary<string, string?>
        {
            ["id_token_hint"] = (string)tokens["id_token"]!, ["post_logout_redirect_uri"] = client.PostLogoutRedirectUri, ["state"] = "bye",
        });
        var (answer, _) = await _oidc.VisitAsync(browser, new Uri(url));
        using var me = await Api.GetAsync("/api/v1/auth/me", (string)tokens["access_token"]!);

        Assert.That(answer.Headers.Location!.ToString(), Does.StartWith(client.PostLogoutRedirectUri).And.Contain("state=bye"));
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(browser.Cookies, Does.Not.ContainKey("auth_session"));
        browser.Dispose();
    }

    [Test]
    public async Task LogoutToAnUnregisteredUri_IsNotAnOpenRedirect()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var tokens = await _oidc.TokensForAsync(browser, client);

        var url = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(new Uri(_oidc.Base, "/connect/endsession").ToString(), new Dictionary<string, string?>
        {
            ["id_token_hint"] = (string)tokens["id_token"]!, ["post_logout_redirect_uri"] = "https://evil.example/",
        });
        var (answer, _) = await _oidc.VisitAsync(browser, new Uri(url));

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Headers.Location, Is.Null);
        browser.Dispose();
    }

    [Test]
    public async Task LogoutWithoutAHint_AsksFirst_SoALinkAloneSignsNobodyOut()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();

        var (answer, url) = await _oidc.VisitAsync(browser, new Uri(_oidc.Base, "/connect/endsession"));
        var html = await answer.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("Sign out?"));
        Assert.That(browser.Cookies, Does.ContainKey("auth_session"));

        using var confirmed = await browser.SubmitFormAsync(url, html, new Dictionary<string, string> { ["signout"] = "yes" }, "/connect/endsession");
        Assert.That(browser.Cookies, Does.Not.ContainKey("auth_session"));
        browser.Dispose();
    }

    /// <summary>
    /// The error went back to the app's registered redirect URI with the request's state and the issuer (RFC 9207), and
    /// no code; in the query, or in the fragment for a response type that would have used one.
    /// </summary>
    private void AssertReturnedToTheApp(HttpResponseMessage answer, Uri request, RegisteredClient client, string error)
    {
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "expected a redirect back to the app");
        var location = answer.Headers.Location!;
        var callback = QueryHelpers.ParseQuery(location.Query).Concat(QueryHelpers.ParseQuery(location.Fragment.TrimStart('#')))
            .ToDictionary(p => p.Key, p => p.Value.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(answer.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(client.RedirectUri));
            Assert.That(callback.GetValueOrDefault("error"), Is.EqualTo(error));
            Assert.That(callback.GetValueOrDefault("state"), Is.EqualTo(QueryHelpers.ParseQuery(request.Query)["state"].ToString()));
            Assert.That(callback.GetValueOrDefault("iss"), Is.EqualTo(Factory.Issuer));
            Assert.That(callback, Does.Not.ContainKey("code"));
        });
    }

    private async Task<string> CodeAsync(FormBrowser browser, RegisteredClient client, Pkce pkce)
    {
        var (answer, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, pkce));
        return OidcFlow.CallbackOf(answer)["code"];
    }

    /// <summary>Posts the password on the sign-in page and returns where the browser is sent next.</summary>
    private async Task<Uri> PasswordStepAsync(FormBrowser browser, string email, string signInPath)
    {
        var page = new Uri(_oidc.Base, signInPath);
        using var posted = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestPasswords.Strong }, "/account/signin");
        return new Uri(page, posted.Headers.Location!);
    }

    private async Task SignOutAsync(FormBrowser browser)
    {
        using var signedOut = await browser.SubmitAsync(new Uri(_oidc.Base, "/account/signin?force=true"), new Dictionary<string, string>(), "/account/signout");
        Assert.That(browser.Cookies, Does.Not.ContainKey("auth_session"));
    }

    private async Task<List<string>> SessionsAsync(string email)
    {
        var tokens = await Api.LoginTokensAsync(email);
        using var response = await Api.GetAsync("/api/v1/auth/sessions", tokens.AccessToken);
        return (await ApiClient.ReadAsync<List<SessionBody>>(response, HttpStatusCode.OK)).Select(s => s.Id.ToString()).ToList();
    }
}
