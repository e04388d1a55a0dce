using System.Net;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Tfa;

public sealed class TwoStepLoginTests : FreshServiceTests
{

    [Test]
    public async Task Signup_WithACodeGenerator_ReturnsAPendingEnrollment_WithAQrThatDecodesToTheUri()
    {
        var user = await Tfa.SignupAsync("code_generator");

        var enrollment = user.SignupBody["enrollment"]!;
        var uri = (string)enrollment["otpauth_uri"]!;
        Assert.Multiple(() =>
        {
            Assert.That((bool)user.SignupBody["tfa_enabled"]!, Is.False);
            Assert.That(user.Secret, Does.Match("^[A-Z2-7]{32}$"), "160 bits in base32");
            Assert.That(uri, Does.StartWith($"otpauth://totp/Auth:{Uri.EscapeDataString(user.Email)}?secret={user.Secret}&issuer=Auth"));
            Assert.That(uri, Does.EndWith("&algorithm=SHA1&digits=6&period=30"));
            Assert.That(user.BackupTokens, Has.Count.EqualTo(10));
            Assert.That(user.BackupTokens, Has.All.Match("^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$"));
        });
        Assert.That(await DecodeQrAsync(Convert.FromBase64String((string)enrollment["qr_png_base64"]!)), Is.EqualTo(uri));
    }

    [Test]
    public async Task Signup_AcceptingImagePng_ReturnsTheQrItself_AndConfirmingItsFirstCodeReturnsTheBackupTokens()
    {
        var email = ApiClient.NewEmail();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/signup")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                email, password = TestPasswords.Strong, full_name = "Png Client", tfa_enabled = true, device = new { device_type = "code_generator" },
            }),
        };
        request.Headers.Accept.ParseAdd("image/png");

        using var response = await Tfa.Api.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        var uri = await DecodeQrAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.That(uri, Does.StartWith("otpauth://totp/Auth:"));
        var secret = System.Web.HttpUtility.ParseQueryString(new Uri(uri).Query)["secret"]!;
        var tokens = await Tfa.Api.LoginTokensAsync(email);
        using var confirm = await Tfa.Api.PostJsonAsync("/api/v1/tfa/confirm_tfa", new { tfa_token = Tfa.CodeFor(secret) }, tokens.AccessToken);
        var backup = JsonNode.Parse(await confirm.Content.ReadAsStringAsync())!["backup_tokens"]!.AsArray();
        Assert.That(backup, Has.Count.EqualTo(10));
        Assert.That(backup.Select(t => (string)t!), Has.All.Match("^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$"));
    }

    [Test]
    public async Task Login_ForATfaUser_Returns202_WithAPreTfaTokenThatOnlyTfaEndpointsAccept()
    {
        var user = await Tfa.SignupAsync("code_generator");

        var (pre, body) = await Tfa.PasswordStepAsync(user.Email);

        Assert.Multiple(() =>
        {
            Assert.That((bool)body["tfa_required"]!, Is.True);
            Assert.That((string?)body["device_type"], Is.EqualTo("code_generator"));
            Assert.That(body["refresh_token"], Is.Null);
            Assert.That(body.AsObject().ContainsKey("refresh_token"), Is.True, "refresh_token: null is present, as in the reference");
            Assert.That((int)body["expires_in"]!, Is.EqualTo(300));
            Assert.That((string?)TokenForge.Header(pre)["typ"], Is.EqualTo("pre-tfa+jwt"));
        });
        using var me = await Tfa.Api.GetAsync("/api/v1/auth/me", pre);
        var problem = await ApiClient.ReadProblemAsync(me, HttpStatusCode.Forbidden);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.tfa_required"));
        using var sessions = await Tfa.Api.GetAsync("/api/v1/auth/sessions", pre);
        await ApiClient.ReadProblemAsync(sessions, HttpStatusCode.Forbidden);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task LoginTfa_WithTheRightCode_InQueryOrBody_Returns200_WithAnOtpAmr(bool inQuery)
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);

        using var response = await Tfa.LoginTfaAsync(pre, Tfa.CodeFor(user.Secret!), inQuery);

        var tokens = await ApiClient.ReadAsync<Tokens>(response, HttpStatusCode.OK);
        Assert.That(TokenForge.Payload(tokens.AccessToken)["amr"]!.AsArray().Select(a => (string?)a), Is.EqualTo(new[] { "pwd", "otp", "mfa" }));
        Assert.That((string?)TokenForge.Payload(tokens.AccessToken)["acr"], Is.EqualTo("urn:auth:acr:mfa"));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        using var me = await Tfa.Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        await ApiClient.ExpectAsync(me, HttpStatusCode.OK);
    }

    [Test]
    public async Task LoginTfa_WithACodeWhoseStepWasAlreadyAccepted_Returns403()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var code = Tfa.CodeFor(user.Secret!);
        var (first, _) = await Tfa.PasswordStepAsync(user.Email);
        using (var accepted = await Tfa.LoginTfaAsync(first, code))
        {
            await ApiClient.ExpectAsync(accepted, HttpStatusCode.OK);
        }

        var (second, _) = await Tfa.PasswordStepAsync(user.Email);
        using var replay = await Tfa.LoginTfaAsync(second, code);

        var problem = await ApiClient.ReadProblemAsync(replay, HttpStatusCode.Forbidden);
        Assert.That((string?)problem["code"], Is.EqualTo("tfa.code_replayed"));
        using var olderStep = await Tfa.LoginTfaAsync(second, Tfa.CodeFor(user.Secret!, stepsFromNow: -1));
        await ApiClient.ReadProblemAsync(olderStep, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task LoginTfa_TwoParallelRequestsWithOneCode_ExactlyOneWins()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        var code = Tfa.CodeFor(user.Secret!);

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Tfa.LoginTfaAsync(pre, code)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task LoginTfa_WrongCode_Returns403_AndAfterFiveWrongCodesThePreTfaTokenIsDead()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        var right = Tfa.CodeFor(user.Secret!);
        var wrong = right == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            using var attempt = await Tfa.LoginTfaAsync(pre, wrong);
            var problem = await ApiClient.ReadProblemAsync(attempt, HttpStatusCode.Forbidden);
            Assert.That((string?)problem["code"], Is.EqualTo("tfa.invalid_code"));
        }

        using var tooLate = await Tfa.LoginTfaAsync(pre, right);
        var closed = await ApiClient.ReadProblemAsync(tooLate, HttpStatusCode.Unauthorized);
        Assert.That((string?)closed["code"], Is.EqualTo("tfa.challenge_closed"));
    }

    [Test]
    public async Task LoginTfa_FiftyParallelWrongGuesses_GetAtMostFiveEvaluated()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Tfa.LoginTfaAsync(pre, (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.That(responses.Count(r => r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.OK), Is.LessThanOrEqualTo(5));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized), Is.GreaterThanOrEqualTo(45));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task LoginTfa_WithAnAccessToken_OrNoToken_Returns401()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var tokens = await Tfa.FullLoginAsync(user);

        using var withAccessToken = await Tfa.LoginTfaAsync(tokens.AccessToken, Tfa.CodeFor(user.Secret!));
        using var withNothing = await Tfa.Api.PostJsonAsync("/api/v1/tfa/login_tfa?tfa_token=123456", new { });

        await ApiClient.ReadProblemAsync(withAccessToken, HttpStatusCode.Unauthorized);
        await ApiClient.ReadProblemAsync(withNothing, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ThePreTfaToken_ExpiresAfterFiveMinutes()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);

        Factory.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(31));
        using var response = await Tfa.LoginTfaAsync(pre, Tfa.CodeFor(user.Secret!));

        await ApiClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task EmailDevice_LoginEmailsACode_ThatCompletesTheLogin_AndIsBoundToThatAttempt()
    {
        var user = await Tfa.SignupAsync("email");
        Assert.That(user.SignupBody["enrollment"], Is.Null);

        var (first, body) = await Tfa.PasswordStepAsync(user.Email);
        Assert.That((string?)body["device_type"], Is.EqualTo("email"));
        var firstCode = await Tfa.LatestCodeAsync(user.Email, "Your sign-in code");
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var (second, _) = await Tfa.PasswordStepAsync(user.Email);

        using (var wrongAttempt = await Tfa.LoginTfaAsync(second, firstCode))
        {
            await ApiClient.ReadProblemAsync(wrongAttempt, HttpStatusCode.Forbidden);
        }

        using var right = await Tfa.LoginTfaAsync(first, firstCode);
        var tokens = await ApiClient.ReadAsync<Tokens>(right, HttpStatusCode.OK);
        Assert.That(TokenForge.Payload(tokens.AccessToken)["amr"]!.AsArray().Select(a => (string?)a), Does.Contain("otp"));

        using var again = await Tfa.LoginTfaAsync(second, firstCode);
        await ApiClient.ReadProblemAsync(again, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task EmailDevice_AnEmailedCodeExpiresAfterTenMinutes()
    {
        await using var factory = new AuthApiFactory(new Dictionary<string, string?> { ["Tfa:PreTfaTokenLifetime"] = "00:30:00" });
        var tfa = new TfaSupport(factory, factory.CreateApiClient());
        var user = await tfa.SignupAsync("email");
        var (pre, _) = await tfa.PasswordStepAsync(user.Email);
        var code = await tfa.LatestCodeAsync(user.Email, "Your sign-in code");

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        using var response = await tfa.LoginTfaAsync(pre, code);

        await ApiClient.ReadProblemAsync(response, HttpStatusCode.Forbidden);
        tfa.Api.Dispose();
    }

    [Test]
    public async Task Resend_ReplacesTheCode_AtMostOncePer30Seconds_AndFiveTimesPerLogin()
    {
        var user = await Tfa.SignupAsync("email");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        var original = await Tfa.LatestCodeAsync(user.Email, "Your sign-in code");

        using (var tooSoon = await Tfa.Api.PostJsonAsync("/api/v1/tfa/resend", new { }, pre))
        {
            var problem = await ApiClient.ReadProblemAsync(tooSoon, (HttpStatusCode)429);
            Assert.That((string?)problem["code"], Is.EqualTo("tfa.resend_too_soon"));
            Assert.That(tooSoon.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(30)));
        }

        for (var i = 0; i < 5; i++)
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(30));
            using var resend = await Tfa.Api.PostJsonAsync("/api/v1/tfa/resend", new { }, pre);
            await ApiClient.ExpectAsync(resend, HttpStatusCode.Accepted);
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using (var sixth = await Tfa.Api.PostJsonAsync("/api/v1/tfa/resend", new { }, pre))
        {
            var problem = await ApiClient.ReadProblemAsync(sixth, (HttpStatusCode)429);
            Assert.That((string?)problem["code"], Is.EqualTo("tfa.resend_limit"));
        }

        var latest = await Tfa.LatestCodeAsync(user.Email, "Your sign-in code");
        if (latest != original)
        {
            using var old = await Tfa.LoginTfaAsync(pre, original);
            await ApiClient.ReadProblemAsync(old, HttpStatusCode.Forbidden);
        }

        using var current = await Tfa.LoginTfaAsync(pre, latest);
        await ApiClient.ExpectAsync(current, HttpStatusCode.OK);
    }

    [Test]
    public async Task Resend_ForACodeGeneratorUser_Returns400()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);

        using var response = await Tfa.Api.PostJsonAsync("/api/v1/tfa/resend", new { }, pre);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["code"], Is.EqualTo("tfa.not_email_device"));
    }

    [Test]
    public async Task Logs_NeverContainTheTotpSecret_BackupTokens_OrCodes()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var code = Tfa.CodeFor(user.Secret!);
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        using (await Tfa.LoginTfaAsync(pre, code))
        {
        }

        var logs = string.Join('\n', Factory.Logs.Events);
        Assert.That(logs, Does.Contain("/api/v1/tfa/login_tfa"));
        Assert.That(logs, Does.Not.Contain(user.Secret!));
        Assert.That(logs, Does.Not.Contain(code));
        foreach (var token in user.BackupTokens)
        {
            Assert.That(logs, Does.Not.Contain(token));
        }
    }

    internal static async Task<string> DecodeQrAsync(byte[] png)
    {
        var file = Path.Combine(Path.GetTempPath(), $"qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        try
        {
            return await ExternalTool.RunAsync("zbarimg", "--raw", "-q", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
