using System.Net;
using System.Text.RegularExpressions;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.OpenIdConnect;
using Auth.WebApi.IntegrationTests.Support;
using OpenQA.Selenium;

namespace Auth.WebApi.IntegrationTests.Browser;

/// <summary>The hosted pages in headless Chromium, as a person uses them: keyboard, forms, the QR code on the screen.</summary>
public sealed partial class HostedPagesTests : BrowserTests
{
    [Test]
    public async Task TfaUser_SignsInWithTheSecondStep_SeesTheAccountPage_AndSignsOut()
    {
        var user = await BrowserFixture.Tfa.SignupAsync("code_generator");

        Open(Auth, "/account");
        SignIn(user.Email, user.Secret);
        WaitForPath("/account");
        Assert.That(Find("email").Text, Does.StartWith(user.Email));
        Assert.That(Find("tfa-status").Text, Does.StartWith("On."));
        Assert.That(Driver.FindElements(By.CssSelector("#sessions tbody tr")), Is.Not.Empty);

        // In people's words: the browser and system, not the user-agent string; what happened, not event codes.
        Assert.That(Find("sessions").Text, Does.Contain("Chrome on Linux").And.Not.Contain("Mozilla/5.0"));
        Assert.That(Find("activity").Text, Does.Contain("Signed in with the password and an authenticator code")
            .And.Not.Contain("login.succeeded"));
        Screenshot("account");

        Driver.FindElement(By.CssSelector("header form button")).Click();
        WaitForPath("/account/signin");
        Assert.That(Find("message").Text, Is.EqualTo("You are signed out."));
        Open(Auth, "/account");
        WaitForPath("/account/signin");
    }

    [Test]
    public async Task WrongSecondStepCode_ShowsAReadableMessage_AndKeepsTheUserOnTheStep()
    {
        var user = await BrowserFixture.Tfa.SignupAsync("code_generator");

        Open(Auth, "/account/signin");
        SignIn(user.Email);
        WaitForPath("/account/signin/tfa");
        Type("code", "000000");
        Find("verify").Click();

        Assert.That(Find("error").Text, Does.Contain("code"));
        Assert.That(new Uri(Driver.Url).AbsolutePath, Is.EqualTo("/account/signin/tfa"));
        Assert.That(Body, Does.Not.Contain("Exception"));
    }

    [Test]
    public async Task EnrollingWithTheQrCodeOnTheScreen_TurnsTfaOn_AndShowsTheBackupTokensOnce()
    {
        var (email, _) = await BrowserFixture.Api.SignedInUserAsync();
        Open(Auth, "/account");
        SignIn(email);
        WaitForPath("/account");

        Find("enable-tfa").Click();
        WaitForPath("/account/tfa/enable");
        Find("start-enrollment").Click();
        var src = Find("qr").GetAttribute("src")!;
        var png = Convert.FromBase64String(src["data:image/png;base64,".Length..]);
        var file = Path.Combine(BrowserFixture.Service.DataDirectory, $"qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        var otpauth = await ExternalTool.RunAsync("zbarimg", "--raw", "-q", file);
        var secret = Uri.UnescapeDataString(SecretParameter().Match(otpauth).Groups[1].Value);
        Assert.That(secret, Is.EqualTo(Find("secret").Text), "the QR code carries the key shown for typing");
        BrowserFixture.Service.Clock.Advance(TimeSpan.FromSeconds(30));
        Type("code", BrowserFixture.Tfa.CodeFor(secret));
        Find("confirm-tfa").Click();
        WaitForPath("/account/tfa/confirm");

        var tokens = Driver.FindElements(By.CssSelector("#backup-tokens li")).Select(t => t.Text).ToList();
        Assert.That(tokens, Has.Count.EqualTo(10));
        Find("done").Click();
        WaitForPath("/account");
        Assert.That(Find("tfa-status").Text, Does.StartWith("On."));
        Assert.That(Body, Does.Not.Contain(tokens[0]), "backup tokens are shown once");
    }

    [Test]
    public async Task AWrongCodeWhileTurningTfaOn_KeepsTheQrCodeAndKeyOnScreen_AndTheRightOneThenWorks()
    {
        var (email, _) = await BrowserFixture.Api.SignedInUserAsync();
        Open(Auth, "/account");
        SignIn(email);
        WaitForPath("/account");
        Open(Auth, "/account/tfa/enable");
        Find("start-enrollment").Click();
        var secret = Find("secret").Text;
        var qr = Find("qr").GetAttribute("src");

        Type("code", "000000");
        Find("confirm-tfa").Click();

        Assert.That(Find("error").Text, Is.Not.Empty);
        Assert.That(Find("qr").GetAttribute("src"), Is.EqualTo(qr), "the same enrollment is still on screen");
        Assert.That(Find("secret").Text, Is.EqualTo(secret), "and the key to type, for a phone that cannot scan");
        BrowserFixture.Service.Clock.Advance(TimeSpan.FromSeconds(30));
        Type("code", BrowserFixture.Tfa.CodeFor(secret));
        Find("confirm-tfa").Click();
        WaitForPath("/account/tfa/confirm");
        Assert.That(Driver.FindElements(By.CssSelector("#backup-tokens li")), Has.Count.EqualTo(10));
    }

    [Test]
    public async Task AnEmailedSecondStep_CanBeTurnedOffOnThePages_WithACodeThePageEmails()
    {
        var user = await BrowserFixture.Tfa.SignupAsync("email");
        Open(Auth, "/account");
        WaitForPath("/account/signin");
        Type("email", user.Email);
        Type("password", TestPasswords.Strong);
        Find("sign-in").Click();
        WaitForPath("/account/signin/tfa");
        Type("code", await BrowserFixture.Tfa.LatestCodeAsync(user.Email, "Your sign-in code"));
        Find("verify").Click();
        WaitForPath("/account");

        Open(Auth, "/account/tfa/disable");
        Find("email-code").Click();
        Assert.That(Find("message").Text, Does.StartWith("We emailed you a code"));
        Type("password", TestPasswords.Strong);
        Type("code", await BrowserFixture.Tfa.LatestCodeAsync(user.Email, "Your security code"));
        Find("disable-tfa").Click();

        WaitForPath("/account");
        Assert.That(Find("tfa-status").Text, Does.StartWith("Off"));
    }

    [Test]
    public async Task RevokingAnotherSessionOnTheAccountPage_EndsIt()
    {
        var (email, apiTokens) = await BrowserFixture.Api.SignedInUserAsync();
        Open(Auth, "/account");
        SignIn(email);
        WaitForPath("/account");
        Assert.That(Driver.FindElements(By.CssSelector("#sessions tbody tr")), Has.Count.EqualTo(2));

        var other = Driver.FindElements(By.CssSelector("#sessions tbody tr")).Single(r => !r.Text.Contains("this browser", StringComparison.Ordinal));
        other.FindElement(By.TagName("button")).Click();
        WaitForPath("/account");

        Assert.That(Find("message").Text, Is.EqualTo("The session is signed out."));
        Assert.That(Driver.FindElements(By.CssSelector("#sessions tbody tr")), Has.Count.EqualTo(1));
        using var me = await BrowserFixture.Api.GetAsync("/api/v1/auth/me", apiTokens.AccessToken);
        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task SignInPage_WorksWithTheKeyboardAlone_AndEveryFieldHasALabel()
    {
        var (email, _) = await BrowserFixture.Api.SignedInUserAsync();
        Open(Auth, "/account/signin");

        var labelled = (bool)Driver.ExecuteScript(
            "return [...document.querySelectorAll('input:not([type=hidden])')].every(i => i.labels.length > 0);")!;
        Assert.That(labelled, Is.True);
        Assert.That(Driver.FindElement(By.TagName("html")).GetAttribute("lang"), Is.EqualTo("en"));
        Assert.That(Driver.SwitchTo().ActiveElement().GetAttribute("id"), Is.EqualTo("email"), "focus starts in the first field");

        Driver.SwitchTo().ActiveElement().SendKeys(email);
        Driver.SwitchTo().ActiveElement().SendKeys(Keys.Tab);
        Driver.SwitchTo().ActiveElement().SendKeys(TestPasswords.Strong + Keys.Enter);

        WaitForPath("/account");
    }

    [Test]
    public void SignInPage_RefusesAWrongPasswordWithAMessage_AndKeepsTheEmail()
    {
        Open(Auth, "/account/signin");
        Type("email", "nobody@example.com");
        Type("password", TestPasswords.Other);
        Find("sign-in").Click();

        Assert.That(Find("error").Text, Is.Not.Empty);
        Assert.That(Find("email").GetAttribute("value"), Is.EqualTo("nobody@example.com"));
        Assert.That(Find("password").GetAttribute("value"), Is.Empty);
    }

    [Test]
    public async Task SigningUp_ThenFollowingTheEmailedLink_VerifiesTheAddress()
    {
        var email = ApiClient.NewEmail("pages");
        Open(Auth, "/account/signup");
        Type("full-name", "Page User");
        Type("email", email);
        Type("password", TestPasswords.Strong);
        Find("sign-up").Click();
        Assert.That(Find("message").Text, Does.Contain("confirm your address"));

        await BrowserFixture.Service.DeliverQueuedMailAsync();
        var token = await BrowserFixture.Tfa.VerificationTokenAsync(email);
        Open(Auth, $"/verify-email?token={Uri.EscapeDataString(token)}");
        Find("confirm-email").Click();

        Assert.That(Find("message").Text, Does.Contain("confirmed"));
        var tokens = await BrowserFixture.Api.LoginTokensAsync(email);
        Assert.That((bool?)TokenForge.Payload(tokens.AccessToken)["email_verified"], Is.True);
    }

    [Test]
    public async Task ForgotAndResetPassword_ThroughTheEmailedLink_SetsTheNewPassword()
    {
        var (email, _) = await BrowserFixture.Api.SignedInUserAsync();
        Open(Auth, "/account/forgot");
        Type("email", email);
        Find("send-link").Click();
        Assert.That(Find("message").Text, Does.Contain("If an account uses this address"));

        await BrowserFixture.Service.DeliverQueuedMailAsync();
        var token = await BrowserFixture.Tfa.LinkTokenAsync(email, "Reset your password");
        Open(Auth, $"/reset-password?token={Uri.EscapeDataString(token)}");
        Type("new", TestPasswords.Other + "-and-more");
        Find("reset-password").Click();

        Assert.That(Find("message").Text, Does.Contain("password is changed"));
        using var login = await BrowserFixture.Api.LoginAsync(email, TestPasswords.Other + "-and-more");
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task EveryPage_HasALanguageATitleLabelledFields_AndTextWithEnoughContrast()
    {
        var anonymous = new[] { "/account/signin", "/account/signup", "/account/forgot", "/reset-password?token=x", "/verify-email?token=x" };
        var signedIn = new[] { "/account", "/account/password", "/account/tfa/enable", "/account/tfa/disable", "/account/passkeys/add" };
        var failures = new List<string>();
        foreach (var path in anonymous)
        {
            Open(Auth, path);
            failures.AddRange(AccessibilityProblems(path));
        }

        var (email, _) = await BrowserFixture.Api.SignedInUserAsync();
        Open(Auth, "/account");
        SignIn(email);
        WaitForPath("/account");
        foreach (var path in signedIn)
        {
            Open(Auth, path);
            failures.AddRange(AccessibilityProblems(path));
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task OnAPhone_NoPageIsWiderThanTheScreen_AndTheBackupTokensAreEachOnTheirOwnLine()
    {
        var anonymous = new[]
        {
            "/account/signin", "/account/signup", "/account/forgot", "/account/verify-email/resend", "/reset-password?token=x", "/verify-email?token=x",
            "/account/bind-factor?token=x", "/account/unlock?token=x", "/connect/authorize?client_id=unknown",
        };
        var signedIn = new[] { "/account", "/account/password", "/account/tfa/enable", "/account/tfa/disable", "/account/passkeys/add", $"/account/passkeys/{Guid.NewGuid()}" };
        Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = 390, ["height"] = 844, ["deviceScaleFactor"] = 3, ["mobile"] = true,
        });
        try
        {
            var tooWide = new List<string>();
            foreach (var path in anonymous)
            {
                Open(Auth, path);
                tooWide.AddRange(Overflow(path));
            }

            // A signed-in user with a second session: the account page's tables have rows with full user-agent strings.
            var (email, _) = await BrowserFixture.Api.SignedInUserAsync();
            Open(Auth, "/account");
            SignIn(email);
            WaitForPath("/account");
            foreach (var path in signedIn)
            {
                Open(Auth, path);
                tooWide.AddRange(Overflow(path));
            }

            // The consent page of an app that is not first-party, with its name and every scope listed.
            var thirdParty = await BrowserFixture.Oidc.RegisterAsync(type: "public", firstParty: false);
            Open(Auth, BrowserFixture.Oidc.AuthorizeUrl(thirdParty, Pkce.Create()).PathAndQuery);
            Assert.That(Find("application").Text, Is.EqualTo($"App {thirdParty.ClientId}"));
            tooWide.AddRange(Overflow("/connect/authorize (consent)"));

            // The backup tokens, shown once: each on its own line, none cut off.
            Open(Auth, "/account/tfa/enable");
            Find("start-enrollment").Click();
            var secret = Find("secret").Text;
            tooWide.AddRange(Overflow("/account/tfa/enable (the QR code and the key)"));
            BrowserFixture.Service.Clock.Advance(TimeSpan.FromSeconds(30));
            Type("code", BrowserFixture.Tfa.CodeFor(secret));
            Find("confirm-tfa").Click();
            WaitForPath("/account/tfa/confirm");
            tooWide.AddRange(Overflow("/account/tfa/confirm"));
            var lefts = Driver.FindElements(By.CssSelector("#backup-tokens li")).Select(t => t.Location.X).Distinct().ToList();
            Assert.That(lefts, Has.Count.EqualTo(1), "one column of tokens");

            // Signed out, then the second step of the next sign-in.
            Driver.FindElement(By.CssSelector("header.top form button")).Click();
            Open(Auth, "/account");
            WaitForPath("/account/signin");
            Type("email", email);
            Type("password", TestPasswords.Strong);
            Find("sign-in").Click();
            WaitForPath("/account/signin/tfa");
            tooWide.AddRange(Overflow("/account/signin/tfa"));

            Assert.That(tooWide, Is.Empty);
        }
        finally
        {
            Driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
        }
    }

    /// <summary>What sticks out of a 390 px screen: the page's own width, and any element wider than the viewport.</summary>
    private static IEnumerable<string> Overflow(string path)
    {
        const string script = """
            const width = document.documentElement.clientWidth, problems = [];
            if (document.documentElement.scrollWidth > width) problems.push('page is ' + document.documentElement.scrollWidth + 'px wide');
            for (const el of document.body.querySelectorAll('*')) {
              const box = el.getBoundingClientRect();
              if (box.width > 0 && box.right > width + 1 && getComputedStyle(el).position !== 'absolute') problems.push(el.tagName + (el.id ? '#' + el.id : '') + ' ends at ' + Math.round(box.right) + 'px');
            }
            return problems.slice(0, 5);
            """;
        return ((IReadOnlyCollection<object>)Driver.ExecuteScript(script)!).Select(p => $"{path}: {p} (screen 390px)");
    }

    /// <summary>
    /// Basic checks a page must pass: a language and a title, a label for every field, one h1, and WCAG AA contrast
    /// (4.5:1) for the text of every paragraph, label, link, button and table cell against its background.
    /// </summary>
    private static IEnumerable<string> AccessibilityProblems(string path)
    {
        const string script = """
            const problems = [];
            if (!document.documentElement.lang) problems.push('no lang');
            if (!document.title.trim()) problems.push('no title');
            if (document.querySelectorAll('h1').length !== 1) problems.push('not one h1');
            for (const input of document.querySelectorAll('input:not([type=hidden]), select, textarea'))
              if (input.labels.length === 0) problems.push('unlabelled ' + (input.id || input.name));
            const rgb = c => c.match(/[\d.]+/g).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
              .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
              if (c.length < 4 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
            for (const el of document.querySelectorAll('p, label, a, button, td, th, li, dd, dt, h1, h2, legend, summary')) {
              if (!el.textContent.trim() || el.offsetParent === null) continue;
              const fg = lum(rgb(getComputedStyle(el).color)), bg = lum(background(el));
              const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
              if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ' for ' + el.tagName + ' "' + el.textContent.trim().slice(0, 30) + '"');
            }
            return problems;
            """;
        var problems = (IReadOnlyCollection<object>)Driver.ExecuteScript(script)!;
        return problems.Select(p => $"{path}: {p}");
    }

    [GeneratedRegex("[?&]secret=([^&]+)")]
    private static partial Regex SecretParameter();
}
