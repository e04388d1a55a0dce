using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.OpenIdConnect;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Lifecycle;

/// <summary>
/// Levels bound to proof (NIST SP 800-63B §6.1.2): someone who holds only the password can enrol a factor through any
/// door, but every token they get says "password"; the owner binds a factor through the link that reaches the verified
/// mailbox, or by enrolling from a session that proved a bound factor already.
/// </summary>
public sealed partial class FactorBindingTests : SharedServiceTests
{
    private OidcFlow _oidc = null!;

    [SetUp]
    public void CreateFlow() => _oidc = new OidcFlow(Factory, Tfa);

    [Test]
    public async Task APasswordOnlyAttacker_ThroughEveryEnrolmentDoor_IsNeverAssertedAboveThePassword()
    {
        // The JSON API: enable_tfa and confirm_tfa from a session that proved only the password.
        var viaApi = await VerifiedPasswordOnlyAccountAsync();
        var (apiSecret, apiBackupTokens) = await EnrolOverTheApiAsync(viaApi);
        await AssertOnlyThePasswordAsync(viaApi, apiSecret, apiBackupTokens[0]);

        // Sign-up with a device: the registrant confirms it after a password sign-in.
        var atSignup = await Tfa.SignupAsync("code_generator", bind: false);
        await AssertOnlyThePasswordAsync(atSignup.Email, atSignup.Secret!, atSignup.BackupTokens[0]);

        // The hosted account pages.
        var viaPages = await VerifiedPasswordOnlyAccountAsync();
        var (pageSecret, pageBackupTokens) = await EnrolOnThePagesAsync(viaPages);
        await AssertOnlyThePasswordAsync(viaPages, pageSecret, pageBackupTokens[0]);

        // What would bind them went to the verified mailboxes only, and nothing else binds them.
        Assert.That((await Tfa.MailToAsync(viaApi)).Select(m => m.Subject), Does.Contain(TfaSupport.TfaBindingSubject));
        Assert.That((await Tfa.MailToAsync(viaPages)).Select(m => m.Subject), Does.Contain(TfaSupport.TfaBindingSubject));
        using var guessed = await Api.PostJsonAsync("/api/v1/auth/bind_factor", new { token = "not-the-emailed-token" });
        Assert.That((string?)(await ApiClient.ReadProblemAsync(guessed, HttpStatusCode.BadRequest))["code"], Is.EqualTo("auth.binding_token_invalid"));
    }

    [Test]
    public async Task ThePasswordOnlyOwner_ReachesMfa_ThroughTheLinkInTheEmail_WhichWorksOnce()
    {
        var email = await VerifiedPasswordOnlyAccountAsync();
        var (secret, _) = await EnrolOverTheApiAsync(email);
        var token = await Tfa.LinkTokenAsync(email, TfaSupport.TfaBindingSubject);

        using (var bound = await Api.PostJsonAsync("/api/v1/auth/bind_factor", new { token }))
        {
            await ApiClient.ExpectAsync(bound, HttpStatusCode.NoContent);
        }

        using (var again = await Api.PostJsonAsync("/api/v1/auth/bind_factor", new { token }))
        {
            await ApiClient.ReadProblemAsync(again, HttpStatusCode.BadRequest);
        }

        var tokens = await SecondStepAsync(email, secret);
        Assert.That(Amr(tokens.AccessToken), Is.EqualTo(new[] { "pwd", "otp", "mfa" }));
        Assert.That((string?)TokenForge.Payload(tokens.AccessToken)["acr"], Is.EqualTo("urn:auth:acr:mfa"));
        Assert.That(await StepUpToMfaAsync(email, secret), Does.ContainKey("code"), "an app's mfa step-up is met");
    }

    [Test]
    public async Task ALinkForAFactorThatWasRemoved_BindsNothing()
    {
        var email = await VerifiedPasswordOnlyAccountAsync();
        var (secret, _) = await EnrolOverTheApiAsync(email);
        var token = await Tfa.LinkTokenAsync(email, TfaSupport.TfaBindingSubject);
        var session = await SecondStepAsync(email, secret);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using (var disable = await Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
                   new { password = TestPasswords.Strong, tfa_token = Tfa.CodeFor(secret) }, session.AccessToken))
        {
            await ApiClient.ExpectAsync(disable, HttpStatusCode.NoContent);
        }

        using var bound = await Api.PostJsonAsync("/api/v1/auth/bind_factor", new { token });

        Assert.That((string?)(await ApiClient.ReadProblemAsync(bound, HttpStatusCode.BadRequest))["code"], Is.EqualTo("auth.binding_token_invalid"));
    }

    [Test]
    public async Task AFactorEnrolledFromASessionThatProvedABoundFactor_IsBoundAtOnce()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var session = await Tfa.FullLoginAsync(user);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using (var disable = await Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
                   new { password = TestPasswords.Strong, tfa_token = Tfa.CodeFor(user.Secret!) }, session.AccessToken))
        {
            await ApiClient.ExpectAsync(disable, HttpStatusCode.NoContent);
        }

        var (secret, _) = await EnrolAsync(session.AccessToken);

        var subjects = (await Tfa.MailToAsync(user.Email)).Select(m => m.Subject).ToList();
        Assert.That(subjects, Does.Contain("Two-factor authentication is on"));
        Assert.That(subjects.Count(s => s == TfaSupport.TfaBindingSubject), Is.EqualTo(1), "only the first enrolment (from a password session) asked the mailbox");
        Assert.That(Amr((await SecondStepAsync(user.Email, secret)).AccessToken), Does.Contain("mfa"));
    }

    private async Task<string> VerifiedPasswordOnlyAccountAsync()
    {
        var email = ApiClient.NewEmail("owner");
        using (var signup = await Api.SignupAsync(email))
        {
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        }

        await Tfa.VerifyEmailAsync(email);
        return email;
    }

    private async Task<(string Secret, IReadOnlyList<string> BackupTokens)> EnrolOverTheApiAsync(string email) =>
        await EnrolAsync((await Api.LoginTokensAsync(email)).AccessToken);

    private async Task<(string Secret, IReadOnlyList<string> BackupTokens)> EnrolAsync(string accessToken)
    {
        using var enable = await Api.SendAsync(HttpMethod.Put, "/api/v1/tfa/enable_tfa", JsonContent.Create(new { device_type = "code_generator" }), accessToken);
        var secret = (string)(await ApiClient.ReadAsync<JsonNode>(enable, HttpStatusCode.OK))["enrollment"]!["secret"]!;
        using var confirm = await Api.PostJsonAsync("/api/v1/tfa/confirm_tfa", new { tfa_token = Tfa.CodeFor(secret) }, accessToken);
        var backupTokens = (await ApiClient.ReadAsync<JsonNode>(confirm, HttpStatusCode.OK))["backup_tokens"]!.AsArray().Select(t => (string)t!).ToList();
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        return (secret, backupTokens);
    }

    private async Task<(string Secret, IReadOnlyList<string> BackupTokens)> EnrolOnThePagesAsync(string email)
    {
        using var browser = new FormBrowser();
        using (await _oidc.SignInAsync(browser, email))
        {
        }

        var enablePage = new Uri(_oidc.Base, "/account/tfa/enable");
        using var confirmPage = await browser.SubmitAsync(enablePage, new Dictionary<string, string> { ["DeviceType"] = "CodeGenerator" }, "/account/tfa/enable");
        var html = await confirmPage.Content.ReadAsStringAsync();
        var secret = SecretOnThePage().Match(html).Groups[1].Value;
        using var backupPage = await browser.SubmitFormAsync(new Uri(_oidc.Base, "/account/tfa/confirm"), html,
            new Dictionary<string, string> { ["Code"] = Tfa.CodeFor(secret) }, "/account/tfa/confirm");
        var list = BackupTokenList().Match(await backupPage.Content.ReadAsStringAsync()).Groups[1].Value;
        var tokens = BackupTokenOnThePage().Matches(list).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.That(tokens, Is.Not.Empty, "the pages turned two-step verification on");
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        return (secret, tokens);
    }

    /// <summary>Every way the password holder can use the factor: each token says "password" and an mfa step-up is refused.</summary>
    private async Task AssertOnlyThePasswordAsync(string email, string secret, string backupToken)
    {
        var withCode = await SecondStepAsync(email, secret);
        var (preTfa, _) = await Tfa.PasswordStepAsync(email);
        using var recovered = await Tfa.RecoverAsync(preTfa, backupToken);
        var withBackupToken = await ApiClient.ReadAsync<Tokens>(recovered, HttpStatusCode.OK);
        var stepUp = await StepUpToMfaAsync(email, secret);

        Assert.Multiple(() =>
        {
            Assert.That(Amr(withCode.AccessToken), Is.EqualTo(new[] { "pwd" }), email);
            Assert.That((string?)TokenForge.Payload(withCode.AccessToken)["acr"], Is.EqualTo("urn:auth:acr:password"));
            Assert.That(Amr(withBackupToken.AccessToken), Is.EqualTo(new[] { "pwd" }));
            Assert.That(stepUp.GetValueOrDefault("error"), Is.EqualTo("unmet_authentication_requirements"));
        });
    }

    private async Task<Tokens> SecondStepAsync(string email, string secret)
    {
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var (preTfa, _) = await Tfa.PasswordStepAsync(email);
        using var response = await Tfa.LoginTfaAsync(preTfa, Tfa.CodeFor(secret));
        return await ApiClient.ReadAsync<Tokens>(response, HttpStatusCode.OK);
    }

    /// <summary>An app asks for <c>acr_values=mfa</c> of a browser that signed in with the password and the code.</summary>
    private async Task<Dictionary<string, string>> StepUpToMfaAsync(string email, string secret)
    {
        using var browser = new FormBrowser();
        var client = await _oidc.RegisterAsync();
        using (await _oidc.SignInAsync(browser, email, secret))
        {
        }

        var (answer, _) = await _oidc.VisitAsync(browser, _oidc.AuthorizeUrl(client, Pkce.Create(),
            new Dictionary<string, string?> { ["acr_values"] = "urn:auth:acr:mfa" }));
        using (answer)
        {
            return OidcFlow.CallbackOf(answer);
        }
    }

    private static string?[] Amr(string accessToken) =>
        TokenForge.Payload(accessToken)["amr"]!.AsArray().Select(a => (string?)a).ToArray();

    [GeneratedRegex("<code id=\"secret\">([A-Z2-7]+)</code>")]
    private static partial Regex SecretOnThePage();

    [GeneratedRegex("id=\"backup-tokens\">(.*?)</ol>", RegexOptions.Singleline)]
    private static partial Regex BackupTokenList();

    [GeneratedRegex("<li>([^<]+)</li>")]
    private static partial Regex BackupTokenOnThePage();
}
