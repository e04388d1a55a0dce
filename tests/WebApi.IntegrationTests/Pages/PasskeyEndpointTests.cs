using System.Net;
using System.Text.Json.Nodes;
using Auth.Domain.Audit;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.OpenIdConnect;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Pages;

/// <summary>
/// The passkey endpoints over plain HTTP, as a script or an attacker would call them: what a ceremony asks for, and
/// bad answers refused with a readable page, counted, and never accepted twice. (Real ceremonies: Browser/PasskeyTests.)
/// </summary>
public sealed class PasskeyEndpointTests : FreshServiceTests
{
    private const string SignInPasskey = "/account/signin/passkey";

    [Test]
    public async Task APasswordlessCeremony_NamesTheConfiguredRpId_AsksForUserVerification_AndAnyDiscoverableKey()
    {
        using var browser = new FormBrowser();

        var (_, _, options) = await BeginAsync(browser, "/account/signin", SignInPasskey, "/account/signin/passkey/options");

        Assert.That((string?)options["rpId"], Is.EqualTo("auth.test"), "the host of Jwt:Issuer, not the request's Host header");
        Assert.That((string?)options["userVerification"], Is.EqualTo("required"));
        Assert.That(options["allowCredentials"]?.AsArray() ?? [], Is.Empty);
        Assert.That(((string?)options["challenge"])?.Length, Is.GreaterThanOrEqualTo(22), "at least 16 random bytes");
    }

    [Test]
    public async Task AGarbageAnswer_IsRefusedWithAReadablePage_IsAudited_AndUsesUpTheCeremony()
    {
        using var browser = new FormBrowser();
        var (token, ceremony, _) = await BeginAsync(browser, "/account/signin", SignInPasskey, "/account/signin/passkey/options");

        using var refused = await AnswerAsync(browser, token, ceremony, """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}""");
        using var again = await AnswerAsync(browser, token, ceremony, "not json at all");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("The passkey was not accepted."));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("This passkey request is no longer valid"));
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        Assert.That(await db.AuditEvents.CountAsync(e => e.Type == AuditEventTypes.PasskeyFailed && e.Reason == "unknown_credential"), Is.EqualTo(1));
    }

    [Test]
    public async Task AnAnswerToNoCeremony_OrAnOversizedOne_IsRefusedWithoutAServerError()
    {
        using var browser = new FormBrowser();
        var (token, ceremony, _) = await BeginAsync(browser, "/account/signin", SignInPasskey, "/account/signin/passkey/options");

        using var unknown = await AnswerAsync(browser, token, Guid.NewGuid(), "{}");
        using var oversized = await AnswerAsync(browser, token, ceremony, new string('x', 17 * 1024));

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(oversized.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await oversized.Content.ReadAsStringAsync(), Does.Contain("The passkey answer is too long."));
    }

    [Test]
    public async Task TheSecondStepsCeremony_NeedsASignInWaitingForIt()
    {
        using var browser = new FormBrowser();
        var token = await TokenOfAsync(browser, "/account/signin", SignInPasskey);

        using var response = await browser.PostFormAsync(new Uri(Factory.BaseAddress, "/account/signin/tfa/passkey/options"),
            [new("__RequestVerificationToken", token)]);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"], Is.EqualTo("tfa.challenge_closed"));
    }

    [Test]
    public async Task AddingAPasskey_NeedsASignInOfTheLastFiveMinutes_OrThePassword()
    {
        var (email, _) = await Api.SignedInUserAsync();
        using var browser = new FormBrowser();
        using (var signedIn = await new OidcFlow(Factory, Tfa).SignInAsync(browser, email))
        {
            Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var token = await TokenOfAsync(browser, "/account/passkeys/add", "/account/passkeys");
        var options = new Uri(Factory.BaseAddress, "/account/passkeys/options");
        using var stale = await browser.PostFormAsync(options, [new("__RequestVerificationToken", token)]);
        using var withPassword = await browser.PostFormAsync(options, [new("__RequestVerificationToken", token), new("Password", TestPasswords.Strong)]);

        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)JsonNode.Parse(await stale.Content.ReadAsStringAsync())!["code"], Is.EqualTo("auth.reauthentication_required"));
        Assert.That(withPassword.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var creation = JsonNode.Parse(await withPassword.Content.ReadAsStringAsync())!["options"]!;
        Assert.That((string?)creation["user"]!["name"], Is.EqualTo(email));
        Assert.That((string?)creation["authenticatorSelection"]!["residentKey"], Is.EqualTo("required"), "discoverable, for sign-in without a password");
        Assert.That((string?)creation["attestation"], Is.EqualTo("none"));
    }

    /// <summary>Reads a page's antiforgery token from the form posting to <paramref name="formAction"/>, then starts a ceremony as passkey.js does.</summary>
    private async Task<(string Token, Guid Ceremony, JsonNode Options)> BeginAsync(FormBrowser browser, string page, string formAction, string optionsPath)
    {
        var token = await TokenOfAsync(browser, page, formAction);
        using var response = await browser.PostFormAsync(new Uri(Factory.BaseAddress, optionsPath), [new("__RequestVerificationToken", token)]);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (token, Guid.Parse((string)body["ceremony"]!), body["options"]!);
    }

    private async Task<string> TokenOfAsync(FormBrowser browser, string page, string formAction)
    {
        using var shown = await browser.GetAsync(new Uri(Factory.BaseAddress, page));
        var form = FormBrowser.Forms(await shown.Content.ReadAsStringAsync()).First(f => f.Action == formAction);
        return form.Hidden.Single(h => h.Key == "__RequestVerificationToken").Value;
    }

    private Task<HttpResponseMessage> AnswerAsync(FormBrowser browser, string token, Guid ceremony, string credential) =>
        browser.PostFormAsync(new Uri(Factory.BaseAddress, SignInPasskey),
            [new("__RequestVerificationToken", token), new("CeremonyId", ceremony.ToString()), new("Credential", credential)]);
}
