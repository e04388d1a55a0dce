using System.Net;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Tfa;

public sealed class EnrollmentTests : FreshServiceTests
{

    private Task<HttpResponseMessage> EnableAsync(string accessToken, string deviceType) =>
        Tfa.Api.SendAsync(HttpMethod.Put, "/api/v1/tfa/enable_tfa",
            System.Net.Http.Json.JsonContent.Create(new { device_type = deviceType }), accessToken);

    private Task<HttpResponseMessage> ConfirmAsync(string accessToken, string code) =>
        Tfa.Api.PostJsonAsync("/api/v1/tfa/confirm_tfa", new { tfa_token = code }, accessToken);

    [Test]
    public async Task EnableThenConfirm_WithAnAuthenticatorApp_TurnsTfaOnOnlyAfterConfirmation()
    {
        var (email, tokens) = await Tfa.Api.SignedInUserAsync();

        using var enable = await EnableAsync(tokens.AccessToken, "code_generator");
        var body = JsonNode.Parse(await enable.Content.ReadAsStringAsync())!;
        Assert.That(enable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var secret = (string)body["enrollment"]!["secret"]!;

        using (var stillPasswordOnly = await Tfa.Api.LoginAsync(email))
        {
            await ApiClient.ExpectAsync(stillPasswordOnly, HttpStatusCode.OK);
        }

        using (var wrong = await ConfirmAsync(tokens.AccessToken, "000000"))
        {
            var problem = await ApiClient.ReadProblemAsync(wrong, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["code"], Is.EqualTo("tfa.invalid_code"));
        }

        using (var stillOff = await Tfa.Api.LoginAsync(email))
        {
            await ApiClient.ExpectAsync(stillOff, HttpStatusCode.OK);
        }

        using var confirm = await ConfirmAsync(tokens.AccessToken, Tfa.CodeFor(secret));
        var backup = JsonNode.Parse(await confirm.Content.ReadAsStringAsync())!["backup_tokens"]!.AsArray();
        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(backup, Has.Count.EqualTo(10));

        await Tfa.PasswordStepAsync(email);
        using var me = await Tfa.Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        Assert.That((bool)JsonNode.Parse(await me.Content.ReadAsStringAsync())!["tfa_enabled"]!, Is.True);
        Assert.That((await Tfa.MailToAsync(email)).Select(m => m.Subject), Does.Contain("Two-factor authentication is on"));
    }

    [Test]
    public async Task EnrollingAgainBeforeConfirming_ReplacesThePendingEnrollment()
    {
        var (_, tokens) = await Tfa.Api.SignedInUserAsync();
        using var first = await EnableAsync(tokens.AccessToken, "code_generator");
        var firstSecret = (string)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["enrollment"]!["secret"]!;
        using var second = await EnableAsync(tokens.AccessToken, "code_generator");
        var secondSecret = (string)JsonNode.Parse(await second.Content.ReadAsStringAsync())!["enrollment"]!["secret"]!;

        Assert.That(secondSecret, Is.Not.EqualTo(firstSecret));
        using (var stale = await ConfirmAsync(tokens.AccessToken, Tfa.CodeFor(firstSecret)))
        {
            await ApiClient.ReadProblemAsync(stale, HttpStatusCode.BadRequest);
        }

        using var current = await ConfirmAsync(tokens.AccessToken, Tfa.CodeFor(secondSecret));
        await ApiClient.ExpectAsync(current, HttpStatusCode.OK);
    }

    [Test]
    public async Task EnableThenConfirm_ByEmail_UsesTheEmailedCode()
    {
        var (email, tokens) = await Tfa.Api.SignedInUserAsync();

        using var enable = await EnableAsync(tokens.AccessToken, "email");
        Assert.That((bool)JsonNode.Parse(await enable.Content.ReadAsStringAsync())!["code_sent"]!, Is.True);
        var code = await Tfa.LatestCodeAsync(email, "Confirm two-factor authentication");

        using var confirm = await ConfirmAsync(tokens.AccessToken, code);

        await ApiClient.ExpectAsync(confirm, HttpStatusCode.OK);
        var (_, body) = await Tfa.PasswordStepAsync(email);
        Assert.That((string?)body["device_type"], Is.EqualTo("email"));
    }

    [Test]
    public async Task Enable_WhenTfaIsAlreadyOn_Returns400()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var tokens = await Tfa.FullLoginAsync(user);

        using var response = await EnableAsync(tokens.AccessToken, "email");

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["code"], Is.EqualTo("tfa.already_enabled"));
    }

    [Test]
    public async Task Enable_WithAnUnknownDeviceType_Returns400()
    {
        var (_, tokens) = await Tfa.Api.SignedInUserAsync();

        using var response = await EnableAsync(tokens.AccessToken, "carrier_pigeon");

        await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task GetMyQrCode_IsThePngOfAPendingEnrollment_ForACodeGenerator_And400Otherwise()
    {
        var (_, tokens) = await Tfa.Api.SignedInUserAsync();
        using var enable = await EnableAsync(tokens.AccessToken, "code_generator");
        var enrollment = JsonNode.Parse(await enable.Content.ReadAsStringAsync())!["enrollment"]!;

        using var png = await Tfa.Api.GetAsync("/api/v1/tfa/get_my_qrcode", tokens.AccessToken);

        Assert.That(png.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(await TwoStepLoginTests.DecodeQrAsync(await png.Content.ReadAsByteArrayAsync()),
            Is.EqualTo((string)enrollment["otpauth_uri"]!));

        var (_, plain) = await Tfa.Api.SignedInUserAsync();
        using var none = await Tfa.Api.GetAsync("/api/v1/tfa/get_my_qrcode", plain.AccessToken);
        var problem = await ApiClient.ReadProblemAsync(none, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["code"], Is.EqualTo("tfa.not_code_generator"));
    }

    [Test]
    public async Task Disable_NeedsThePasswordAndACode_RemovesEverything_AndSignsOutOtherSessions()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var current = await Tfa.FullLoginAsync(user);
        var other = await Tfa.FullLoginAsync(user);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));

        using (var wrongPassword = await Tfa.Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
                   new { password = TestPasswords.Other, tfa_token = Tfa.CodeFor(user.Secret!) }, current.AccessToken))
        {
            await ApiClient.ReadProblemAsync(wrongPassword, HttpStatusCode.Forbidden);
        }

        using (var wrongCode = await Tfa.Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
                   new { password = TestPasswords.Strong, tfa_token = "000000" }, current.AccessToken))
        {
            await ApiClient.ReadProblemAsync(wrongCode, HttpStatusCode.Forbidden);
        }

        using var disable = await Tfa.Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
            new { password = TestPasswords.Strong, tfa_token = Tfa.CodeFor(user.Secret!) }, current.AccessToken);

        await ApiClient.ExpectAsync(disable, HttpStatusCode.NoContent);
        using (var login = await Tfa.Api.LoginAsync(user.Email))
        {
            await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
        }

        using (var otherMe = await Tfa.Api.GetAsync("/api/v1/auth/me", other.AccessToken))
        {
            await ApiClient.ReadProblemAsync(otherMe, HttpStatusCode.Unauthorized);
        }

        using (var currentMe = await Tfa.Api.GetAsync("/api/v1/auth/me", current.AccessToken))
        {
            await ApiClient.ExpectAsync(currentMe, HttpStatusCode.OK);
        }

        using var count = await Tfa.Api.GetAsync("/api/v1/tfa/backup_tokens", current.AccessToken);
        Assert.That((int)JsonNode.Parse(await count.Content.ReadAsStringAsync())!["remaining"]!, Is.Zero);
        Assert.That((await Tfa.MailToAsync(user.Email)).Select(m => m.Subject), Does.Contain("Two-factor authentication is off"));
    }

    [Test]
    public async Task Disable_ForAnEmailDevice_UsesAStepUpCodeSentOnRequest()
    {
        var user = await Tfa.SignupAsync("email");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        using var login = await Tfa.LoginTfaAsync(pre, await Tfa.LatestCodeAsync(user.Email, "Your sign-in code"));
        var tokens = await ApiClient.ReadAsync<Tokens>(login, HttpStatusCode.OK);

        using (var send = await Tfa.Api.PostJsonAsync("/api/v1/tfa/send_code", new { }, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(send, HttpStatusCode.Accepted);
        }

        using (var tooSoon = await Tfa.Api.PostJsonAsync("/api/v1/tfa/send_code", new { }, tokens.AccessToken))
        {
            await ApiClient.ReadProblemAsync(tooSoon, (HttpStatusCode)429);
        }

        var code = await Tfa.LatestCodeAsync(user.Email, "Your security code");
        using var disable = await Tfa.Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
            new { password = TestPasswords.Strong, tfa_token = code }, tokens.AccessToken);

        await ApiClient.ExpectAsync(disable, HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Signup_WithTfaButNoDevice_Returns400()
    {
        using var response = await Tfa.Api.PostJsonAsync("/api/v1/auth/signup",
            new { email = ApiClient.NewEmail(), password = TestPasswords.Strong, full_name = "X", tfa_enabled = true });

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["error_codes"]!["device_type"]![0], Is.EqualTo("device.required"));
    }
}
