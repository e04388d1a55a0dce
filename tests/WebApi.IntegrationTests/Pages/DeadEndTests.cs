using System.Net;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Pages;

/// <summary>
/// The pages lead on (issue 22): sign-up says honestly whether the link must be followed first, an expired
/// confirmation link offers a new one and a page gives it, and <c>/</c> goes to the account page.
/// </summary>
public sealed class DeadEndTests : FreshServiceTests
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Accounts:RequireVerifiedEmail"] = "true" };

    [Test]
    public async Task SignUpWithVerificationRequired_SaysToFollowTheLinkFirst_AndANewLinkCanBeAskedForOnAPage()
    {
        using var browser = new FormBrowser();
        var email = ApiClient.NewEmail("pages");
        using var signedUp = await browser.SubmitAsync(new Uri(Factory.BaseAddress, "/account/signup"),
            new Dictionary<string, string> { ["Email"] = email, ["FullName"] = "Page User", ["Password"] = TestPasswords.Strong }, "/account/signup");
        var done = await signedUp.Content.ReadAsStringAsync();
        Assert.That(done, Does.Contain("follow it, then sign in").And.Not.Contain("You can sign in now"));
        using (var signInPage = await browser.GetAsync(new Uri(Factory.BaseAddress, "/account/signin")))
        {
            Assert.That(await signInPage.Content.ReadAsStringAsync(), Does.Contain("href=\"/account/verify-email/resend\""), "the sign-in page offers a new link");
        }

        var first = await Tfa.VerificationTokenAsync(email);
        Factory.Clock.Advance(TimeSpan.FromSeconds(1)); // so the newest email is told apart by its date

        using var asked = await browser.SubmitAsync(new Uri(Factory.BaseAddress, "/account/verify-email/resend"),
            new Dictionary<string, string> { ["Email"] = email }, "/account/verify-email/resend");

        Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await asked.Content.ReadAsStringAsync(), Does.Contain("a new link is on its way"));
        var second = await Tfa.VerificationTokenAsync(email);
        Assert.That(second, Is.Not.EqualTo(first), "a new link was emailed");
        using var confirmed = await browser.SubmitAsync(new Uri(Factory.BaseAddress, $"/verify-email?token={Uri.EscapeDataString(second)}"),
            new Dictionary<string, string>(), "/verify-email");
        Assert.That(await confirmed.Content.ReadAsStringAsync(), Does.Contain("your address is confirmed"));
    }

    /// <summary>
    /// A new user of a relying app signs up from its sign-in page, follows the emailed link in the same browser, and is
    /// led back through sign-in to the app; the same after a password reset. Only a local address is kept.
    /// </summary>
    [TestCase("/connect/authorize?client_id=app&scope=openid", true)]
    [TestCase("https://evil.example/phish", false)]
    public async Task TheAppsReturnAddress_SurvivesTheEmailedLinks_OfSignUpAndPasswordReset(string returnUrl, bool kept)
    {
        using var browser = new FormBrowser();
        var email = ApiClient.NewEmail("wayback");
        var escaped = Uri.EscapeDataString(returnUrl);
        using (var signedUp = await browser.SubmitAsync(new Uri(Factory.BaseAddress, $"/account/signup?returnUrl={escaped}"),
            new Dictionary<string, string> { ["Email"] = email, ["FullName"] = "Way Back", ["Password"] = TestPasswords.Strong }, "/account/signup"))
        {
            Assert.That(signedUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var verification = await Tfa.VerificationTokenAsync(email);
        using var confirmed = await browser.SubmitAsync(new Uri(Factory.BaseAddress, $"/verify-email?token={Uri.EscapeDataString(verification)}"),
            new Dictionary<string, string>(), "/verify-email");
        var confirmedPage = await confirmed.Content.ReadAsStringAsync();
        var wayBack = $"href=\"/account/signin?returnUrl={System.Net.WebUtility.HtmlEncode(escaped)}\"";
        Assert.That(confirmedPage, kept ? Does.Contain(wayBack) : Does.Contain("href=\"/account\"").And.Not.Contain("evil.example"));

        using (await browser.SubmitAsync(new Uri(Factory.BaseAddress, $"/account/forgot?returnUrl={escaped}"), new Dictionary<string, string> { ["Email"] = email }, "/account/forgot"))
        {
        }

        await Factory.DeliverQueuedMailAsync();
        var reset = await Tfa.LinkTokenAsync(email, "Reset your password");
        using var changed = await browser.SubmitAsync(new Uri(Factory.BaseAddress, $"/reset-password?token={Uri.EscapeDataString(reset)}"),
            new Dictionary<string, string> { ["NewPassword"] = TestPasswords.Other + "-and-more" }, "/reset-password");
        var changedPage = await changed.Content.ReadAsStringAsync();
        Assert.That(changedPage, Does.Contain("password is changed"));
        Assert.That(changedPage, kept ? Does.Contain(wayBack) : Does.Contain("href=\"/account/signin\"").And.Not.Contain("evil.example"));
    }

    [Test]
    public async Task ASpentConfirmationLink_OffersANewOne()
    {
        using var browser = new FormBrowser();

        using var refused = await browser.SubmitAsync(new Uri(Factory.BaseAddress, "/verify-email?token=" + new string('A', 43)),
            new Dictionary<string, string>(), "/verify-email");

        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("id=\"new-verification-link\""));
    }

    [Test]
    public async Task TheRoot_LeadsToTheAccountPage()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Factory.BaseAddress };

        using var root = await client.GetAsync("/");

        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(root.Headers.Location?.OriginalString, Is.EqualTo("/account"));
    }

    [Test]
    public async Task AThrottledSignIn_SaysWhenToTryAgain()
    {
        var email = ApiClient.NewEmail("throttled");
        using (var signup = await Api.SignupAsync(email))
        {
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        }

        using var browser = new FormBrowser();
        var page = new Uri(Factory.BaseAddress, "/account/signin");
        string html;
        var attempts = 0;
        do
        {
            using var refused = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestPasswords.Other }, "/account/signin");
            html = await refused.Content.ReadAsStringAsync();
        }
        while (!html.Contains("Too many failed attempts", StringComparison.Ordinal) && ++attempts < 20);

        Assert.That(html, Does.Match(@"Too many failed attempts; wait before trying again\. Try again in \d+ (seconds|minutes)\."));
    }
}
