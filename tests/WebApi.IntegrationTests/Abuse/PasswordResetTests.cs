using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Abuse;

public sealed partial class PasswordResetTests : FreshServiceTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings { get; } = new Dictionary<string, string?> { ["PasswordReset:LinkBase"] = LinkBase };

    private const string LinkBase = "https://app.example.com/reset";

    private Task<HttpResponseMessage> ForgotAsync(string email) =>
        Tfa.Api.PostJsonAsync("/api/v1/auth/forgot_password", new { email });

    private Task<HttpResponseMessage> ResetAsync(string token, string newPassword) =>
        Tfa.Api.PostJsonAsync("/api/v1/auth/reset_password", new { token, new_password = newPassword });

    private async Task<string> ResetTokenFromMailAsync(string email)
    {
        var mail = (await Tfa.MailToAsync(email)).First(m => m.Subject == "Reset your password");
        var link = ResetLink().Match(mail.TextBody ?? "").Value;
        Assert.That(link, Does.StartWith(LinkBase + "?token="), "the link base comes from configuration");
        return Uri.UnescapeDataString(link[(LinkBase.Length + "?token=".Length)..]);
    }

    [Test]
    public async Task ManyResetRequests_EmailAtMostFiveLinksAnHour_AnswerAlike_AndTheNextHourSendsAgain()
    {
        var (email, _) = await Tfa.Api.SignedInUserAsync();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await ForgotAsync(email);
            answers.Add(response.StatusCode);
            await Factory.DeliverQueuedMailAsync();
        }

        var sentInTheHour = (await Tfa.MailToAsync(email)).Count(m => m.Subject == "Reset your password");
        Factory.Clock.Advance(TimeSpan.FromMinutes(61));
        using (await ForgotAsync(email))
        {
        }

        await Factory.DeliverQueuedMailAsync();
        var sentInAll = (await Tfa.MailToAsync(email)).Count(m => m.Subject == "Reset your password");
        Assert.Multiple(() =>
        {
            Assert.That(answers, Has.All.EqualTo(HttpStatusCode.Accepted));
            Assert.That(sentInTheHour, Is.EqualTo(5));
            Assert.That(sentInAll, Is.EqualTo(6));
        });
    }

    [Test]
    public async Task ForgotPassword_ForAKnownAndAnUnknownEmail_AnswersIdentically()
    {
        var (email, _) = await Tfa.Api.SignedInUserAsync();

        using var known = await ForgotAsync(email);
        using var unknown = await ForgotAsync(ApiClient.NewEmail("nobody"));

        Assert.That(known.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(unknown.StatusCode, Is.EqualTo(known.StatusCode));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Is.EqualTo(await known.Content.ReadAsStringAsync()));
    }

    [Test]
    public async Task ResetToken_WorksOnce_SignsEverySessionOut_AndDoesNotSignIn()
    {
        var (email, tokens) = await Tfa.Api.SignedInUserAsync();
        using (await ForgotAsync(email))
        {
        }

        var token = await ResetTokenFromMailAsync(email);
        Assert.That(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "="), Has.Length.GreaterThanOrEqualTo(16), "at least 128 bits");

        using var reset = await ResetAsync(token, TestPasswords.Other);

        await ApiClient.ExpectAsync(reset, HttpStatusCode.NoContent);
        Assert.That(await reset.Content.ReadAsStringAsync(), Is.Empty, "no tokens: a reset does not sign in");
        using (var oldSession = await Tfa.Api.GetAsync("/api/v1/auth/me", tokens.AccessToken))
        {
            await ApiClient.ReadProblemAsync(oldSession, HttpStatusCode.Unauthorized);
        }

        using (var again = await ResetAsync(token, "another-fresh-passphrase"))
        {
            var problem = await ApiClient.ReadProblemAsync(again, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["code"], Is.EqualTo("auth.reset_token_invalid"));
        }

        using var login = await Tfa.Api.LoginAsync(email, TestPasswords.Other);
        await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
        Assert.That((await Tfa.MailToAsync(email)).Select(m => m.Subject), Does.Contain("Your password was reset"));
    }

    [Test]
    public async Task ResetToken_ExpiresAfter30Minutes_AndANewRequestReplacesIt()
    {
        var (email, _) = await Tfa.Api.SignedInUserAsync();
        using (await ForgotAsync(email))
        {
        }

        var first = await ResetTokenFromMailAsync(email);
        Factory.Clock.Advance(TimeSpan.FromMinutes(30));
        using (var expired = await ResetAsync(first, TestPasswords.Other))
        {
            await ApiClient.ReadProblemAsync(expired, HttpStatusCode.BadRequest);
        }

        using (await ForgotAsync(email))
        {
        }

        var second = await ResetTokenFromMailAsync(email);
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using (await ForgotAsync(email))
        {
        }

        var third = await ResetTokenFromMailAsync(email);
        using (var replaced = await ResetAsync(second, TestPasswords.Other))
        {
            await ApiClient.ReadProblemAsync(replaced, HttpStatusCode.BadRequest);
        }

        using var current = await ResetAsync(third, TestPasswords.Other);
        await ApiClient.ExpectAsync(current, HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Reset_AppliesThePasswordPolicy()
    {
        var (email, _) = await Tfa.Api.SignedInUserAsync();
        using (await ForgotAsync(email))
        {
        }

        using var weak = await ResetAsync(await ResetTokenFromMailAsync(email), "password1");

        var problem = await ApiClient.ReadProblemAsync(weak, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["error_codes"]!["new_password"]![0], Is.EqualTo("password.too_common"));
    }

    [Test]
    public async Task AThrottledUser_CanStillReset_AndTheResetClearsTheThrottle()
    {
        var (email, _) = await Tfa.Api.SignedInUserAsync();
        for (var i = 0; i < 5; i++)
        {
            using (await Tfa.Api.LoginAsync(email, "wrong-password-guess"))
            {
            }
        }

        using (var throttled = await Tfa.Api.LoginAsync(email))
        {
            await ApiClient.ReadProblemAsync(throttled, HttpStatusCode.TooManyRequests);
        }

        using (await ForgotAsync(email))
        {
        }

        using (var reset = await ResetAsync(await ResetTokenFromMailAsync(email), TestPasswords.Other))
        {
            await ApiClient.ExpectAsync(reset, HttpStatusCode.NoContent);
        }

        using var login = await Tfa.Api.LoginAsync(email, TestPasswords.Other);
        await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
    }

    [Test]
    public async Task AResetUserWithTfa_WhoseEmailIsVerified_StillGets202AtLogin()
    {
        var user = await Tfa.SignupAsync("code_generator");
        using (await ForgotAsync(user.Email))
        {
        }

        using (var reset = await ResetAsync(await ResetTokenFromMailAsync(user.Email), TestPasswords.Other))
        {
            await ApiClient.ExpectAsync(reset, HttpStatusCode.NoContent);
        }

        using var login = await Tfa.Api.LoginAsync(user.Email, TestPasswords.Other);
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((bool)JsonNode.Parse(await login.Content.ReadAsStringAsync())!["tfa_required"]!, Is.True);
    }

    [GeneratedRegex(@"https://\S+")]
    private static partial Regex ResetLink();
}
