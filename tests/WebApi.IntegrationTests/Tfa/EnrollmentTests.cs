using System.Net;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Tfa;

public sealed class EnrollmentTests
{
    private AuthApiFactory _factory = null!;
    private TfaSupport _tfa = null!;

    [SetUp]
    public void StartService()
    {
        _factory = new AuthApiFactory();
        _tfa = new TfaSupport(_factory, _factory.CreateApiClient());
    }

    [TearDown]
    public async Task StopService()
    {
        _tfa.Api.Dispose();
        await _factory.DisposeAsync();
    }

    private Task<HttpResponseMessage> EnableAsync(string accessToken, string deviceType) =>
        _tfa.Api.SendAsync(HttpMethod.Put, "/api/v1/tfa/enable_tfa",
            System.Net.Http.Json.JsonContent.Create(new { device_type = deviceType }), accessToken);

    private Task<HttpResponseMessage> ConfirmAsync(string accessToken, string code) =>
        _tfa.Api.PostJsonAsync("/api/v1/tfa/confirm_tfa", new { tfa_token = code }, accessToken);

    [Test]
    public async Task EnableThenConfirm_WithAnAuthenticatorApp_TurnsTfaOnOnlyAfterConfirmation()
    {
        var (email, tokens) = await _tfa.Api.SignedInUserAsync();

        using var enable = await EnableAsync(tokens.AccessToken, "code_generator");
        var body = JsonNode.Parse(await enable.Content.ReadAsStringAsync())!;
        Assert.That(enable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var secret = (string)body["enrollment"]!["secret"]!;

        using (var stillPasswordOnly = await _tfa.Api.LoginAsync(email))
        {
            await ApiClient.ExpectAsync(stillPasswordOnly, HttpStatusCode.OK);
        }

        using (var wrong = await ConfirmAsync(tokens.AccessToken, "000000"))
        {
            var problem = await ApiClient.ReadProblemAsync(wrong, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["code"], Is.EqualTo("tfa.invalid_code"));
        }

        using (var stillOff = await _tfa.Api.LoginAsync(email))
        {
            await ApiClient.ExpectAsync(stillOff, HttpStatusCode.OK);
        }

        using var confirm = await ConfirmAsync(tokens.AccessToken, _tfa.CodeFor(secret));
        var backup = JsonNode.Parse(await confirm.Content.ReadAsStringAsync())!["backup_tokens"]!.AsArray();
        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(backup, Has.Count.EqualTo(10));

        await _tfa.PasswordStepAsync(email);
        using var me = await _tfa.Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        Assert.That((bool)JsonNode.Parse(await me.Content.ReadAsStringAsync())!["tfa_enabled"]!, Is.True);
        Assert.That((await _tfa.MailToAsync(email)).Select(m => m.Subject), Does.Contain("Two-factor authentication is on"));
    }

    [Test]
    public async Task EnrollingAgainBeforeConfirming_ReplacesThePendingEnrollment()
    {
        var (_, tokens) = await _tfa.Api.SignedInUserAsync();
        using var first = await EnableAsync(tokens.AccessToken, "code_generator");
        var firstSecret = (string)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["enrollment"]!["secret"]!;
        using var second = await EnableAsync(tokens.AccessToken, "code_generator");
        var secondSecret = (string)JsonNode.Parse(await second.Content.ReadAsStringAsync())!["enrollment"]!["secret"]!;

        Assert.That(secondSecret, Is.Not.EqualTo(firstSecret));
        using (var stale = await ConfirmAsync(tokens.AccessToken, _tfa.CodeFor(firstSecret)))
        {
            await ApiClient.ReadProblemAsync(stale, HttpStatusCode.BadRequest);
        }

        using var current = await ConfirmAsync(tokens.AccessToken, _tfa.CodeFor(secondSecret));
        await ApiClient.ExpectAsync(current, HttpStatusCode.OK);
    }

    [Test]
    public async Task EnableThenConfirm_ByEmail_UsesTheEmailedCode()
    {
        var (email, tokens) = await _tfa.Api.SignedInUserAsync();

        using var enable = await EnableAsync(tokens.AccessToken, "email");
        Assert.That((bool)JsonNode.Parse(await enable.Content.ReadAsStringAsync())!["code_sent"]!, Is.True);
        var code = await _tfa.LatestCodeAsync(email, "Confirm two-factor authentication");

        using var confirm = await ConfirmAsync(tokens.AccessToken, code);

        await ApiClient.ExpectAsync(confirm, HttpStatusCode.OK);
        var (_, body) = await _tfa.PasswordStepAsync(email);
        Assert.That((string?)body["device_type"], Is.EqualTo("email"));
    }

    [Test]
    public async Task Enable_WhenTfaIsAlreadyOn_Returns400()
    {
        var user = await _tfa.SignupAsync("code_generator");
        var tokens = await _tfa.FullLoginAsync(user);

        using var response = await EnableAsync(tokens.AccessToken, "email");

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["code"], Is.EqualTo("tfa.already_enabled"));
    }

    [Test]
    public async Task Enable_WithAnUnknownDeviceType_Returns400()
    {
        var (_, tokens) = await _tfa.Api.SignedInUserAsync();

        using var response = await EnableAsync(tokens.AccessToken, "carrier_pigeon");

        await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task GetMyQrCode_IsThePngOfTheEnrollment_ForACodeGenerator_And400Otherwise()
    {
        var user = await _tfa.SignupAsync("code_generator");
        var tokens = await _tfa.FullLoginAsync(user);

        using var png = await _tfa.Api.GetAsync("/api/v1/tfa/get_my_qrcode", tokens.AccessToken);

        Assert.That(png.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(await TwoStepLoginTests.DecodeQrAsync(await png.Content.ReadAsByteArrayAsync()),
            Is.EqualTo((string)user.SignupBody["enrollment"]!["otpauth_uri"]!));

        var (_, plain) = await _tfa.Api.SignedInUserAsync();
        using var none = await _tfa.Api.GetAsync("/api/v1/tfa/get_my_qrcode", plain.AccessToken);
        var problem = await ApiClient.ReadProblemAsync(none, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["code"], Is.EqualTo("tfa.not_code_generator"));
    }

    [Test]
    public async Task Disable_NeedsThePasswordAndACode_RemovesEverything_AndSignsOutOtherSessions()
    {
        var user = await _tfa.SignupAsync("code_generator");
        var current = await _tfa.FullLoginAsync(user);
        var other = await _tfa.FullLoginAsync(user);
        _factory.Clock.Advance(TimeSpan.FromSeconds(30));

        using (var wrongPassword = await _tfa.Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
                   new { password = TestPasswords.Other, tfa_token = _tfa.CodeFor(user.Secret!) }, current.AccessToken))
        {
            await ApiClient.ReadProblemAsync(wrongPassword, HttpStatusCode.Forbidden);
        }

        using (var wrongCode = await _tfa.Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
                   new { password = TestPasswords.Strong, tfa_token = "000000" }, current.AccessToken))
        {
            await ApiClient.ReadProblemAsync(wrongCode, HttpStatusCode.Forbidden);
        }

        using var disable = await _tfa.Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
            new { password = TestPasswords.Strong, tfa_token = _tfa.CodeFor(user.Secret!) }, current.AccessToken);

        await ApiClient.ExpectAsync(disable, HttpStatusCode.NoContent);
        using (var login = await _tfa.Api.LoginAsync(user.Email))
        {
            await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
        }

        using (var otherMe = await _tfa.Api.GetAsync("/api/v1/auth/me", other.AccessToken))
        {
            await ApiClient.ReadProblemAsync(otherMe, HttpStatusCode.Unauthorized);
        }

        using (var currentMe = await _tfa.Api.GetAsync("/api/v1/auth/me", current.AccessToken))
        {
            await ApiClient.ExpectAsync(currentMe, HttpStatusCode.OK);
        }

        using var count = await _tfa.Api.GetAsync("/api/v1/tfa/backup_tokens", current.AccessToken);
        Assert.That((int)JsonNode.Parse(await count.Content.ReadAsStringAsync())!["remaining"]!, Is.Zero);
        Assert.That((await _tfa.MailToAsync(user.Email)).Select(m => m.Subject), Does.Contain("Two-factor authentication is off"));
    }

    [Test]
    public async Task Disable_ForAnEmailDevice_UsesAStepUpCodeSentOnRequest()
    {
        var user = await _tfa.SignupAsync("email");
        var (pre, _) = await _tfa.PasswordStepAsync(user.Email);
        using var login = await _tfa.LoginTfaAsync(pre, await _tfa.LatestCodeAsync(user.Email, "Your sign-in code"));
        var tokens = await ApiClient.ReadAsync<Tokens>(login, HttpStatusCode.OK);

        using (var send = await _tfa.Api.PostJsonAsync("/api/v1/tfa/send_code", new { }, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(send, HttpStatusCode.Accepted);
        }

        using (var tooSoon = await _tfa.Api.PostJsonAsync("/api/v1/tfa/send_code", new { }, tokens.AccessToken))
        {
            await ApiClient.ReadProblemAsync(tooSoon, (HttpStatusCode)429);
        }

        var code = await _tfa.LatestCodeAsync(user.Email, "Your security code");
        using var disable = await _tfa.Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
            new { password = TestPasswords.Strong, tfa_token = code }, tokens.AccessToken);

        await ApiClient.ExpectAsync(disable, HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Signup_WithTfaButNoDevice_Returns400()
    {
        using var response = await _tfa.Api.PostJsonAsync("/api/v1/auth/signup",
            new { email = ApiClient.NewEmail(), password = TestPasswords.Strong, full_name = "X", tfa_enabled = true });

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["error_codes"]!["device_type"]![0], Is.EqualTo("device.required"));
    }
}
