using System.Net;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Pages;

/// <summary>
/// The second-step page offers "remember this device" once, saying how long it lasts, for the code and the backup
/// token alike; it does not offer it when it is turned off.
/// </summary>
public sealed class RememberDeviceWordingTests
{
    private static async Task<string> SecondStepPageAsync(AuthApiFactory factory)
    {
        using var api = factory.CreateApiClient();
        var user = await new TfaSupport(factory, api).SignupAsync("code_generator");
        using var browser = new FormBrowser();
        using var password = await browser.SubmitAsync(new Uri(factory.BaseAddress, "/account/signin"),
            new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = TestPasswords.Strong }, "/account/signin");
        Assert.That(password.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var page = await browser.GetAsync(new Uri(factory.BaseAddress, "/account/signin/tfa"));
        return await page.Content.ReadAsStringAsync();
    }

    [Test]
    public async Task TheChoiceSaysItsDuration()
    {
        await using var factory = new AuthApiFactory();

        var html = await SecondStepPageAsync(factory);

        Assert.That(html, Does.Contain("Remember this device for 30 days").And.Not.Contain(">Remember this device<"));
        Assert.That(System.Text.RegularExpressions.Regex.Count(html, "Remember this device"), Is.EqualTo(1), "said once on the page");
    }

    [Test]
    public async Task ABackupToken_WithTheOneChoice_RemembersTheDevice()
    {
        await using var factory = new AuthApiFactory();
        using var api = factory.CreateApiClient();
        var tfa = new TfaSupport(factory, api);
        var user = await tfa.SignupAsync("code_generator");
        using var browser = new FormBrowser();
        async Task<HttpResponseMessage> PasswordStepAsync() => await browser.SubmitAsync(new Uri(factory.BaseAddress, "/account/signin"),
            new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = TestPasswords.Strong }, "/account/signin");
        using (var first = await PasswordStepAsync())
        {
            Assert.That(first.Headers.Location!.OriginalString, Does.StartWith("/account/signin/tfa"));
        }

        using (var redeemed = await browser.SubmitAsync(new Uri(factory.BaseAddress, "/account/signin/tfa"),
            new Dictionary<string, string> { ["BackupToken"] = user.BackupTokens[0], ["RememberDevice"] = "true" }, "/account/signin/tfa"))
        {
            Assert.That(redeemed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(redeemed.Headers.Location!.OriginalString, Does.Not.Contain("signin"));
        }

        using (await browser.SubmitAsync(new Uri(factory.BaseAddress, "/account/signin?force=true"), new Dictionary<string, string>(), "/account/signout"))
        {
            Assert.That(browser.Cookies, Does.Not.ContainKey("auth_session"), "signed out");
        }

        using var again = await PasswordStepAsync();

        Assert.That(again.Headers.Location!.OriginalString, Does.Not.Contain("tfa"), "the remembered device skips the second step");
    }

    [Test]
    public async Task TurnedOff_TheChoiceIsNotOffered()
    {
        await using var factory = new AuthApiFactory(new Dictionary<string, string?> { ["Tfa:RememberDeviceLifetime"] = "00:00:00" });

        var html = await SecondStepPageAsync(factory);

        Assert.That(html, Does.Contain("id=\"code\"").And.Not.Contain("name=\"RememberDevice\""));
    }
}
