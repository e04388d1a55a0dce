using System.Net;
using Auth.Domain.Audit;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.OpenIdConnect;

/// <summary>
/// The provider as the specifications and certified relying-party libraries expect it: a spent code or refresh token
/// ends the session and is audited with its app, a refresh token wins once under concurrency, scopes cannot widen on
/// refresh, ID tokens carry no internal claims, and a native app's loopback redirect URI matches on any port.
/// </summary>
public sealed class GrantReplayAndInteropTests : SharedServiceTests
{
    private OidcFlow _oidc = null!;

    [SetUp]
    public void CreateFlow() => _oidc = new OidcFlow(Factory, Tfa);

    [Test]
    public async Task AReplayedCode_EndsTheSession_AndIsAuditedWithTheApp()
    {
        var (browser, email) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var pkce = Pkce.Create();
        var (answer, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, pkce));
        var code = OidcFlow.CallbackOf(answer)["code"];
        answer.Dispose();
        using var first = await _oidc.RedeemCodeAsync(client, code, pkce.Verifier);
        var tokens = await OidcFlow.ReadJsonAsync(first, HttpStatusCode.OK);

        using var replayed = await _oidc.RedeemCodeAsync(client, code, pkce.Verifier);

        Assert.That((string?)(await OidcFlow.ReadJsonAsync(replayed, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        await AssertSessionEndedAsync(browser, (string)tokens["access_token"]!);
        Assert.That(await AuditedClientsAsync(email, AuditEventTypes.CodeReuseDetected), Is.EqualTo(new[] { client.ClientId }));
        browser.Dispose();
    }

    [Test]
    public async Task AReplayedRefreshToken_EndsTheSession_AndIsAuditedWithTheApp()
    {
        var (browser, email) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var original = (string)(await _oidc.TokensForAsync(browser, client))["refresh_token"]!;
        using var rotated = await _oidc.RefreshAsync(client, original);
        var refreshed = await OidcFlow.ReadJsonAsync(rotated, HttpStatusCode.OK);

        using var replayed = await _oidc.RefreshAsync(client, original);

        Assert.That((string?)(await OidcFlow.ReadJsonAsync(replayed, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_grant"));
        await AssertSessionEndedAsync(browser, (string)refreshed["access_token"]!);
        Assert.That(await AuditedClientsAsync(email, AuditEventTypes.RefreshTokenReuseDetected), Is.EqualTo(new[] { client.ClientId }));
        browser.Dispose();
    }

    [Test]
    public async Task TwoRefreshesAtOnce_WithOneToken_OneWins_AndTheOtherIsTreatedAsAReplay()
    {
        var (browser, email) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var refreshToken = (string)(await _oidc.TokensForAsync(browser, client))["refresh_token"]!;

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _oidc.RefreshAsync(client, refreshToken)));

        try
        {
            Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.OK), Is.EqualTo(1), "exactly one refresh wins");
            Assert.That(answers.Where(a => a.StatusCode != HttpStatusCode.OK).Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.BadRequest));
            var winner = await OidcFlow.ReadJsonAsync(answers.Single(a => a.StatusCode == HttpStatusCode.OK), HttpStatusCode.OK);
            using var next = await _oidc.RefreshAsync(client, (string)winner["refresh_token"]!);
            Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the losers were replays: the chain and the session ended");
            Assert.That(await AuditedClientsAsync(email, AuditEventTypes.RefreshTokenReuseDetected), Is.Not.Empty);
        }
        finally
        {
            foreach (var answer in answers)
            {
                answer.Dispose();
            }

            browser.Dispose();
        }
    }

    [Test]
    public async Task WideningTheScopeOnRefresh_IsInvalidScope_AndNarrowingIsAllowed()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var refreshToken = (string)(await _oidc.TokensForAsync(browser, client, new Dictionary<string, string?> { ["scope"] = "openid offline_access" }))["refresh_token"]!;

        using var widened = await _oidc.TokenAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["scope"] = "openid offline_access email",
        });
        using var narrowed = await _oidc.TokenAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["scope"] = "openid",
        });

        Assert.That((string?)(await OidcFlow.ReadJsonAsync(widened, HttpStatusCode.BadRequest))["error"], Is.EqualTo("invalid_scope"));
        Assert.That(narrowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the refused request spent nothing");
        browser.Dispose();
    }

    [Test]
    public async Task IdTokens_CarryNoInternalClaims()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync();
        var tokens = await _oidc.TokensForAsync(browser, client);
        using var refreshed = await _oidc.RefreshAsync(client, (string)tokens["refresh_token"]!);
        var again = await OidcFlow.ReadJsonAsync(refreshed, HttpStatusCode.OK);

        foreach (var idToken in new[] { (string)tokens["id_token"]!, (string)again["id_token"]! })
        {
            var claims = TokenForge.Payload(idToken).AsObject().Select(c => c.Key).ToList();
            Assert.That(claims.Where(c => c.StartsWith("oi_", StringComparison.Ordinal)), Is.Empty, string.Join(", ", claims));
            Assert.That(claims, Does.Contain("sub").And.Contain("sid"));
        }

        browser.Dispose();
    }

    [Test]
    public async Task ANativeAppsLoopbackRedirectUri_MatchesOnAnyPort_ButNotAnotherPathOrHost()
    {
        var (browser, _) = await _oidc.SignedInBrowserAsync();
        var client = await _oidc.RegisterAsync(type: "public", redirectUri: "http://127.0.0.1/native/callback");

        var (onAPort, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client with { RedirectUri = "http://127.0.0.1:53682/native/callback" }, Pkce.Create()));
        var (otherPath, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client with { RedirectUri = "http://127.0.0.1:53682/elsewhere" }, Pkce.Create()));
        var (otherHost, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client with { RedirectUri = "http://example.com:53682/native/callback" }, Pkce.Create()));

        Assert.That(onAPort.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo("http://127.0.0.1:53682/native/callback"));
        Assert.That(OidcFlow.CallbackOf(onAPort), Does.ContainKey("code"));
        Assert.That(otherPath.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(otherHost.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        onAPort.Dispose();
        otherPath.Dispose();
        otherHost.Dispose();
        browser.Dispose();
    }

    /// <summary>The app's access token is refused, and the browser must sign in again for the next authorization.</summary>
    private async Task AssertSessionEndedAsync(FormBrowser browser, string accessToken)
    {
        using (var me = await Api.GetAsync("/api/v1/auth/me", accessToken))
        {
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        var client = await _oidc.RegisterAsync();
        var (answer, url) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create()));
        answer.Dispose();
        Assert.That(url.AbsolutePath, Is.EqualTo("/account/signin"), "the browser's session ended");
    }

    private async Task<List<string?>> AuditedClientsAsync(string email, string type)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.AuditEvents.Where(e => e.UserId == userId && e.Type == type).Select(e => e.ClientId).ToListAsync();
    }
}
