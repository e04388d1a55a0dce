using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Tfa;

/// <summary>
/// The reference FastAPI service's own test plan, run against our API so its users can switch over: sign-up with
/// each device, login with and without TFA, loginTfa right and wrong, recoverTfa spending one token, enableTfa.
/// It used five backup tokens per user; so does this fixture.
/// </summary>
public sealed class ReferenceServiceTestPlanTests : SharedServiceTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings { get; } = new Dictionary<string, string?> { ["Tfa:BackupTokenCount"] = "5" };


    private async Task<string> PreTfaTokenForEmailUserAsync(TfaUser user) => (await Tfa.PasswordStepAsync(user.Email)).PreTfaToken;

    [TestCase("code_generator")]
    [TestCase("email")]
    public async Task Signup_WithEachDevice_EnrollsItPending_AndItsFirstCodeTurnsTfaOn(string deviceType)
    {
        var user = await Tfa.SignupAsync(deviceType);

        Assert.That((bool)user.SignupBody["tfa_enabled"]!, Is.False, "a device chosen at sign-up is trusted only once confirmed");
        Assert.That(user.BackupTokens, Has.Count.EqualTo(5));
        var (_, body) = await Tfa.PasswordStepAsync(user.Email);
        Assert.That((bool)body["tfa_required"]!, Is.True);
    }

    [Test]
    public async Task Login_WithoutTfa_Returns200WithTokens_AndWithTfa_Returns202()
    {
        var (plainEmail, _) = await Tfa.Api.SignedInUserAsync();
        using var plain = await Tfa.Api.LoginAsync(plainEmail);
        var tfaUser = await Tfa.SignupAsync("email");
        using var twoStep = await Tfa.Api.LoginAsync(tfaUser.Email);

        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(twoStep.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [TestCase(false, HttpStatusCode.Forbidden)]
    [TestCase(true, HttpStatusCode.OK)]
    public async Task LoginTfa_WithAWrongOrCorrectToken(bool correct, HttpStatusCode expected)
    {
        var user = await Tfa.SignupAsync("email");
        var pre = await PreTfaTokenForEmailUserAsync(user);
        var code = await Tfa.LatestCodeAsync(user.Email, "Your sign-in code");

        using var response = await Tfa.LoginTfaAsync(pre, correct ? code : (code == "000000" ? "111111" : "000000"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(expected));
        Assert.That(body["access_token"] is not null, Is.EqualTo(correct));
    }

    [TestCase(false, HttpStatusCode.Forbidden, 5)]
    [TestCase(true, HttpStatusCode.OK, 4)]
    public async Task RecoverTfa_WithAWrongOrCorrectBackupToken(bool correct, HttpStatusCode expected, int remaining)
    {
        var user = await Tfa.SignupAsync("email");
        var pre = await PreTfaTokenForEmailUserAsync(user);

        using var response = await Tfa.RecoverAsync(pre, correct ? user.BackupTokens[0] : "zzzz-zzzz-zzzz");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(expected));
        Assert.That(body["access_token"] is not null, Is.EqualTo(correct));
        var tokens = await Tfa.FullLoginByEmailAsync(user);
        using var count = await Tfa.Api.GetAsync("/api/v1/tfa/backup_tokens", tokens.AccessToken);
        Assert.That((int)JsonNode.Parse(await count.Content.ReadAsStringAsync())!["remaining"]!, Is.EqualTo(remaining));
    }

    [Test]
    public async Task EnableTfa_WhenAlreadyEnabled_Returns400()
    {
        var user = await Tfa.SignupAsync("email");
        var tokens = await Tfa.FullLoginByEmailAsync(user);

        using var response = await EnableAsync(tokens.AccessToken, "email", acceptPng: false);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task EnableTfa_WithAnEmailDevice_Returns200_AndEmailsACode()
    {
        var (email, tokens) = await Tfa.Api.SignedInUserAsync();

        using var response = await EnableAsync(tokens.AccessToken, "email", acceptPng: false);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Tfa.MailToAsync(email)).Select(m => m.Subject), Does.Contain("Confirm two-factor authentication"));
    }

    [Test]
    public async Task EnableTfa_WithACodeGenerator_AcceptingPng_Returns200WithThePng()
    {
        var (_, tokens) = await Tfa.Api.SignedInUserAsync();

        using var response = await EnableAsync(tokens.AccessToken, "code_generator", acceptPng: true);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(await TwoStepLoginTests.DecodeQrAsync(await response.Content.ReadAsByteArrayAsync()), Does.StartWith("otpauth://totp/"));
    }

    private async Task<HttpResponseMessage> EnableAsync(string accessToken, string deviceType, bool acceptPng)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/tfa/enable_tfa")
        {
            Content = JsonContent.Create(new { device_type = deviceType }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        if (acceptPng)
        {
            request.Headers.Accept.ParseAdd("image/png");
        }

        return await Tfa.Api.Http.SendAsync(request);
    }
}
