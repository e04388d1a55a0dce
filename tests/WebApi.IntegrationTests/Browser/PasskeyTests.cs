using System.Text;
using Auth.Domain.Audit;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.VirtualAuth;

namespace Auth.WebApi.IntegrationTests.Browser;

/// <summary>
/// Passkeys in headless Chromium with the W3C virtual authenticator (a platform authenticator with user verification,
/// like a laptop's fingerprint reader): every test gets a fresh one, so keys never leak from one test to the next.
/// The refusals answer real ceremonies with real signatures that are wrong in one respect each.
/// </summary>
public sealed class PasskeyTests : BrowserTests
{
    private const string Refused = "The passkey was not accepted.";

    private string _authenticator = "";

    [SetUp]
    public void AddAuthenticator() => _authenticator = Driver.AddVirtualAuthenticator(new VirtualAuthenticatorOptions()
        .SetProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
        .SetTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
        .SetHasResidentKey(true)
        .SetHasUserVerification(true)
        .SetIsUserVerified(true)
        .SetIsUserConsenting(true));

    [TearDown]
    public void RemoveAuthenticator() => Driver.RemoveVirtualAuthenticator(_authenticator);

    [Test]
    public async Task APasskeyAddedOnTheAccountPage_MeetsAnAppsPhishingResistantStepUp_WithoutAPassword_OnceTheMailboxBindsIt()
    {
        var email = await VerifiedUserAsync();
        Open(BrowserFixture.App.Address, "/");
        SignIn(email);
        WaitForPath("/");

        Open(Auth, "/account");
        AddPasskey("Work laptop");
        var row = Driver.FindElement(By.CssSelector("#passkeys tbody tr")).Text;
        Assert.That(row, Does.Contain("Work laptop").And.Contain("Device-bound"));
        SignOutOfAuth();

        // Added after a password-only sign-in: until the emailed link binds it, it signs no one in on its own.
        var (ceremony, credential) = Answer(BeginPasswordless());
        PostAnswer("/account/signin/passkey", ceremony, credential);
        Assert.That(Find("error").Text, Does.StartWith("This passkey is not confirmed yet"));
        await BindThroughTheEmailedLinkAsync(email);

        // The app's page needs a phishing-resistant sign-in: the password session it has is not enough, and Auth offers only a passkey.
        Open(BrowserFixture.App.Address, "/phishing-resistant");
        WaitForPath("/account/signin");
        Assert.That(IsAbsent(By.Id("password")), Is.True);
        Screenshot("passkey-sign-in");
        Find("passkey-sign-in").Click();
        WaitForPath("/claims");
        Assert.That(Body, Is.EqualTo("acr=urn:auth:acr:phishing-resistant; amr=hwk,user,mfa"));
    }

    [Test]
    public async Task TheBrowsersPasskeyAutofill_SignsIn()
    {
        await UserWithPasskeyAsync();
        SignOutOfAuth();
        Open(Auth, "/account");

        // The virtual authenticator accepts at once what a person would pick from the email field's suggestions.
        WaitForPath("/account");
        Assert.That(Driver.FindElements(By.CssSelector("#passkeys tbody tr")), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ATfaUser_UsesAPasskeyAsTheSecondStep()
    {
        var user = await BrowserFixture.Tfa.SignupAsync("code_generator");
        Open(Auth, "/account");
        SignIn(user.Email, user.Secret);
        WaitForPath("/account");
        AddPasskey("Security key");
        SignOutOfAuth();

        WithoutKeys(() =>
        {
            Open(BrowserFixture.App.Address, "/claims");
            WaitForPath("/account/signin");
            Type("email", user.Email);
            Type("password", TestCommon.TestPasswords.Strong);
            Find("sign-in").Click();
            WaitForPath("/account/signin/tfa");
        });
        Find("use-passkey").Click();
        WaitForPath("/claims");
        Assert.That(Body, Is.EqualTo("acr=urn:auth:acr:phishing-resistant; amr=pwd,hwk,user,mfa"));
    }

    [Test]
    public async Task AnAnswerReplayed_IsRefused_WithItsCeremony_AndWithAFreshOne()
    {
        var email = await UserWithPasskeyAsync();
        var (ceremony, credential) = Answer(BeginPasswordless());
        PostAnswer("/account/signin/passkey", ceremony, credential);
        WaitForPath("/account");
        SignOutOfAuth();

        PostAnswer("/account/signin/passkey", ceremony, credential);
        Assert.That(Find("error").Text, Is.EqualTo("This passkey request is no longer valid; try again."));

        var (fresh, _) = BeginPasswordless();
        PostAnswer("/account/signin/passkey", fresh, credential);
        Assert.That(Find("error").Text, Is.EqualTo(Refused));
        Assert.That(await AuditCountAsync(email, AuditEventTypes.PasskeyFailed), Is.EqualTo(1), "the refused answer counts as a failed sign-in");
    }

    [Test]
    public async Task AnotherUsersPasskey_DoesNotCompleteASecondStep()
    {
        var other = await UserWithPasskeyAsync();
        var otherKey = CredentialOf(await UserIdAsync(other));
        SignOutOfAuth();
        var user = await BrowserFixture.Tfa.SignupAsync("code_generator");
        WithoutKeys(() =>
        {
            Open(Auth, "/account");
            SignIn(user.Email, user.Secret);
            WaitForPath("/account");
        });
        AddPasskey("Mine");
        SignOutOfAuth();

        WithoutKeys(() =>
        {
            Open(Auth, "/account/signin");
            Type("email", user.Email);
            Type("password", TestCommon.TestPasswords.Strong);
            Find("sign-in").Click();
            WaitForPath("/account/signin/tfa");
        });

        // The ceremony names only this user's passkeys; the browser is made to answer with the other user's key instead.
        var (ceremony, options) = Begin("/account/signin/tfa/passkey/options");
        var (_, credential) = Answer((ceremony, options), allowOnly: otherKey.Id);
        PostAnswer("/account/signin/tfa/passkey", ceremony, credential);
        Assert.That(Find("error").Text, Is.EqualTo(Refused));
        Assert.That(Driver.FindElements(By.Id("code")), Has.Count.EqualTo(1), "still at the second step");
    }

    [Test]
    public async Task AnAnswerMadeOnAnotherOrigin_IsRefused()
    {
        await UserWithPasskeyAsync();
        SignOutOfAuth();
        var ceremony = BeginPasswordless();

        // A look-alike site (here: the app's origin) relays our challenge; the browser signs its own origin into the answer.
        Open(BrowserFixture.App.Address, "/signed-out");
        var (_, credential) = Answer(ceremony);
        PostAnswer("/account/signin/passkey", ceremony.Ceremony, credential);
        Assert.That(Find("error").Text, Is.EqualTo(Refused));
        Assert.That(BrowserFixture.Service.Logs.Events, Has.Some.Contains(BrowserFixture.App.Address.GetLeftPart(UriPartial.Authority)),
            "refused for its origin");
    }

    [Test]
    public async Task AKeyForAnotherRelyingPartyId_IsRefused_EvenFromAnAllowedOrigin()
    {
        var email = await UserWithPasskeyAsync();
        SignOutOfAuth();

        // The registered key's credential id and private key, scoped by the authenticator to the RP id "sub.localhost"
        // and used from http://sub.localhost (an allowed origin here): the signature is good, the RP id is not ours.
        var key = CredentialOf(await UserIdAsync(email));
        Driver.RemoveAllCredentials();
        Driver.AddCredential(Credential.CreateResidentCredential(key.Id, "sub.localhost", key.PrivateKey, key.UserHandle!, key.SignCount + 1));
        Open(new UriBuilder(Auth) { Host = "sub.localhost" }.Uri, "/account/forgot");
        var ceremony = Begin("/account/signin/passkey/options");
        var (_, credential) = Answer(ceremony, rpId: "sub.localhost");
        PostAnswer("/account/signin/passkey", ceremony.Ceremony, credential);
        Assert.That(Find("error").Text, Is.EqualTo(Refused));
        Assert.That(BrowserFixture.Service.Logs.Events, Has.Some.Contains("Relying Party ID"), "refused for its RP id, not its origin");
    }

    [Test]
    public async Task ADisabledAccount_CannotSignInWithItsPasskey()
    {
        var email = await UserWithPasskeyAsync();
        SignOutOfAuth();
        await AdministratorPostsAsync($"/api/v1/admin/users/{await UserIdAsync(email)}/disable", new { });

        var ceremony = BeginPasswordless();
        var (_, credential) = Answer(ceremony);
        PostAnswer("/account/signin/passkey", ceremony.Ceremony, credential);
        Assert.That(Find("error").Text, Is.EqualTo("This account is disabled; contact your administrator."));
    }

    [Test]
    public async Task AnAdministratorsResetTfa_RemovesThePasskeys()
    {
        var email = await UserWithPasskeyAsync();
        SignOutOfAuth();
        var user = $"/api/v1/admin/users/{await UserIdAsync(email)}";
        Assert.That(await PasskeyCountAsync(user), Is.EqualTo(1), "administrators see how many passkeys a user has");
        await AdministratorPostsAsync($"{user}/reset_tfa", new { reason = "Laptop stolen" });
        Assert.That(await PasskeyCountAsync(user), Is.Zero);

        Open(Auth, "/account/signin");
        Assert.That(Find("error").Text, Is.EqualTo(Refused), "the browser's autofill offers the key; Auth no longer has it");
    }

    [Test]
    public async Task ARenamedThenRemovedPasskey_NoLongerSignsIn_EndsTheOtherSessions_AndTheUserIsTold()
    {
        var (email, otherSession) = await BrowserFixture.Api.SignedInUserAsync();
        Open(Auth, "/account");
        SignIn(email);
        WaitForPath("/account");
        AddPasskey("Laptop");
        Driver.FindElement(By.CssSelector("#passkeys tbody a")).Click();
        Type("passkey-name", "Old phone");
        Find("rename-passkey").Click();
        WaitForPath("/account");
        Assert.That(Find("message").Text, Is.EqualTo("The passkey is renamed."));
        Assert.That(Driver.FindElement(By.CssSelector("#passkeys tbody tr")).Text, Does.Contain("Old phone"));

        Driver.FindElement(By.CssSelector("#passkeys tbody a")).Click();
        Find("remove-passkey").Click();
        WaitForPath("/account");
        Assert.That(Find("message").Text, Is.EqualTo("The passkey is removed. Your other sessions are signed out."));
        Assert.That(IsAbsent(By.Id("passkeys")), Is.True);
        Assert.That((await BrowserFixture.Tfa.MailToAsync(email)).Select(m => m.Subject), Does.Contain("A passkey was removed from your account"));
        using (var me = await BrowserFixture.Api.GetAsync("/api/v1/auth/me", otherSession.AccessToken))
        {
            Assert.That(me.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized), "the user's other session ended");
        }

        Assert.That(await AuditCountAsync(email, AuditEventTypes.PasskeyRegistered), Is.EqualTo(1));
        Assert.That(await AuditCountAsync(email, AuditEventTypes.PasskeyRenamed), Is.EqualTo(1));
        Assert.That(await AuditCountAsync(email, AuditEventTypes.PasskeyRemoved), Is.EqualTo(1));

        SignOutOfAuth();

        // The authenticator still holds the key and the browser's autofill offers it at once; Auth no longer knows it.
        Open(Auth, "/account/signin");
        Assert.That(Find("error").Text, Is.EqualTo(Refused));
        Assert.That(new Uri(Driver.Url).AbsolutePath, Is.EqualTo("/account/signin/passkey"));
    }

    /// <summary>A new user, signed in on the account page with a passkey added (the page shows it) and bound through the mailbox.</summary>
    private static async Task<string> UserWithPasskeyAsync()
    {
        var email = await VerifiedUserAsync();
        Open(Auth, "/account");
        SignIn(email);
        WaitForPath("/account");
        AddPasskey("Laptop");
        await BindThroughTheEmailedLinkAsync(email);
        Open(Auth, "/account");
        return email;
    }

    private static async Task<string> VerifiedUserAsync()
    {
        var (email, _) = await BrowserFixture.Api.SignedInUserAsync();
        await BrowserFixture.Tfa.VerifyEmailAsync(email);
        return email;
    }

    /// <summary>The owner opens the link in the email that announced the passkey, and confirms.</summary>
    private static async Task BindThroughTheEmailedLinkAsync(string email)
    {
        var token = await BrowserFixture.Tfa.LinkTokenAsync(email, TfaSupport.PasskeyBindingSubject);
        Open(Auth, "/account/bind-factor?token=" + Uri.EscapeDataString(token));
        Find("bind-factor").Click();
        WaitForPath("/account/bind-factor");
        Assert.That(Body, Does.Contain("Thank you"));
    }

    private static void AddPasskey(string name)
    {
        Find("add-passkey").Click();
        WaitForPath("/account/passkeys/add");
        Type("passkey-name", name);
        Screenshot("add-passkey");
        Find("create-passkey").Click();
        WaitForPath("/account");
        Assert.That(Find("message").Text, Does.StartWith("The passkey is added."));
    }

    /// <summary>
    /// Signs out as the header's button does, but without landing on the sign-in page, whose passkey autofill the
    /// virtual authenticator (always consenting) would answer at once.
    /// </summary>
    private static void SignOutOfAuth()
    {
        Open(Auth, "/account");
        const string script = """
            const done = arguments[arguments.length - 1];
            const form = document.querySelector('header form');
            fetch(form.action, { method: 'POST', body: new FormData(form), redirect: 'manual' }).then(() => done(true));
            """;
        Driver.ExecuteAsyncScript(script);
        Open(Auth, "/account/forgot");
    }

    /// <summary>Runs <paramref name="action"/> with the authenticator empty (no autofill), then gives its keys back.</summary>
    private static void WithoutKeys(Action action)
    {
        var keys = Driver.GetCredentials();
        Driver.RemoveAllCredentials();
        action();
        foreach (var key in keys)
        {
            Driver.AddCredential(Credential.CreateResidentCredential(key.Id, key.RpId!, key.PrivateKey, key.UserHandle!, key.SignCount));
        }
    }

    /// <summary>Starts a passwordless ceremony from a page of Auth without passkey.js at work (the forgot-password page).</summary>
    private static (string Ceremony, string Options) BeginPasswordless()
    {
        Open(Auth, "/account/forgot");
        return Begin("/account/signin/passkey/options");
    }

    /// <summary>Asks the current page's origin for a ceremony, as passkey.js does (with the page's antiforgery token).</summary>
    private static (string Ceremony, string Options) Begin(string optionsPath)
    {
        const string script = """
            const done = arguments[arguments.length - 1];
            const body = new FormData();
            body.append('__RequestVerificationToken', document.querySelector('input[name=__RequestVerificationToken]').value);
            fetch(arguments[0], { method: 'POST', body, headers: { Accept: 'application/json' } })
              .then(r => r.json()).then(b => done([b.ceremony, JSON.stringify(b.options)])).catch(e => done(['', String(e)]));
            """;
        var answer = (IReadOnlyList<object>)Driver.ExecuteAsyncScript(script, optionsPath)!;
        Assert.That((string)answer[0], Is.Not.Empty, (string)answer[1]);
        return ((string)answer[0], (string)answer[1]);
    }

    /// <summary>Has the browser's authenticator answer the ceremony on the current page, optionally bent in one respect.</summary>
    private static (string Ceremony, string Credential) Answer((string Ceremony, string Options) ceremony, byte[]? allowOnly = null, string? rpId = null)
    {
        const string script = """
            const [optionsJson, allowOnly, rpId, done] = arguments;
            const options = JSON.parse(optionsJson);
            if (allowOnly) options.allowCredentials = [{ type: 'public-key', id: allowOnly }];
            if (rpId) options.rpId = rpId;
            navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) })
              .then(c => done(JSON.stringify(c))).catch(e => done('error: ' + e));
            """;
        var allowed = allowOnly is null ? null : Convert.ToBase64String(allowOnly).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var credential = (string)Driver.ExecuteAsyncScript(script, ceremony.Options, allowed!, rpId!)!;
        Assert.That(credential, Does.Not.StartWith("error"));
        return (ceremony.Ceremony, credential);
    }

    /// <summary>Posts an answer to Auth as the page's form would, from whatever Auth page the browser is on.</summary>
    private static void PostAnswer(string path, string ceremony, string credential)
    {
        if (new Uri(Driver.Url).Port != Auth.Port)
        {
            Open(Auth, "/account/forgot");
        }

        const string script = """
            const [path, ceremony, credential] = arguments;
            const form = document.createElement('form');
            form.method = 'post';
            form.action = path;
            const fields = { __RequestVerificationToken: document.querySelector('input[name=__RequestVerificationToken]').value, CeremonyId: ceremony, Credential: credential };
            for (const [name, value] of Object.entries(fields)) {
              const input = document.createElement('input');
              input.type = 'hidden'; input.name = name; input.value = value;
              form.append(input);
            }
            document.body.append(form);
            form.submit();
            """;
        Driver.ExecuteScript(script, path, ceremony, credential);
        WaitForPath(path == "/account/signin/passkey" ? path : "/account/signin/tfa/passkey", orAccount: true);
    }

    private static void WaitForPath(string path, bool orAccount)
    {
        new OpenQA.Selenium.Support.UI.WebDriverWait(Driver, TimeSpan.FromSeconds(15))
            .Until(d => new Uri(d.Url).AbsolutePath is var at && (at == path || (orAccount && at == "/account")));
    }

    private static Credential CredentialOf(Guid userId) =>
        Driver.GetCredentials().Single(c => Encoding.UTF8.GetString(c.UserHandle!) == userId.ToString());

    private static async Task AdministratorPostsAsync(string path, object body)
    {
        using var response = await BrowserFixture.Api.PostJsonAsync(path, body, await BrowserFixture.Tfa.AdminTokenAsync());
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> PasskeyCountAsync(string adminUserPath)
    {
        using var response = await BrowserFixture.Api.GetAsync(adminUserPath, await BrowserFixture.Tfa.AdminTokenAsync());
        return (int)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["passkeys"]!;
    }

    private static async Task<Guid> UserIdAsync(string email)
    {
        using var scope = BrowserFixture.Service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static async Task<int> AuditCountAsync(string email, string type)
    {
        var userId = await UserIdAsync(email);
        using var scope = BrowserFixture.Service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return await db.AuditEvents.CountAsync(e => e.UserId == userId && e.Type == type);
    }
}
