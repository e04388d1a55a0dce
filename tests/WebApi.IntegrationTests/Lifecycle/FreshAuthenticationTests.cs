using System.Net;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Lifecycle;

/// <summary>
/// Changing a factor needs a fresh authentication: a stolen, older session cannot enroll the thief's authenticator,
/// mint backup tokens, or read a confirmed TOTP secret again.
/// </summary>
public sealed class FreshAuthenticationTests : SharedServiceTests
{
    private static readonly TimeSpan PastTheWindow = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1);

    private Task<HttpResponseMessage> EnableAsync(string accessToken, string? password = null) =>
        Api.SendAsync(HttpMethod.Put, "/api/v1/tfa/enable_tfa",
            System.Net.Http.Json.JsonContent.Create(new { device_type = "code_generator", password }), accessToken);

    private static async Task AssertReauthenticationChallengeAsync(HttpResponseMessage response)
    {
        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.reauthentication_required"));
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.That(challenge.Scheme, Is.EqualTo("Bearer"));
        Assert.That(challenge.Parameter, Does.Contain("error=\"insufficient_user_authentication\"").And.Contain("max_age=300"));
    }

    [Test]
    public async Task EnableTfa_FromASignInOlderThanFiveMinutes_Gets401WithTheStepUpChallenge_UnlessThePasswordComesWithIt()
    {
        var (_, tokens) = await Api.SignedInUserAsync();
        Factory.Clock.Advance(PastTheWindow);

        using (var stale = await EnableAsync(tokens.AccessToken))
        {
            await AssertReauthenticationChallengeAsync(stale);
        }

        using (var wrongPassword = await EnableAsync(tokens.AccessToken, TestPasswords.Other))
        {
            await ApiClient.ExpectAsync(wrongPassword, HttpStatusCode.Forbidden);
        }

        using var withPassword = await EnableAsync(tokens.AccessToken, TestPasswords.Strong);
        await ApiClient.ExpectAsync(withPassword, HttpStatusCode.OK);
    }

    [Test]
    public async Task EnableTfa_RightAfterSigningIn_NeedsNoPassword()
    {
        var (_, tokens) = await Api.SignedInUserAsync();

        using var fresh = await EnableAsync(tokens.AccessToken);

        await ApiClient.ExpectAsync(fresh, HttpStatusCode.OK);
    }

    [Test]
    public async Task RegeneratingBackupTokens_FromAnOldSignIn_Gets401_UnlessThePasswordComesWithIt()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var tokens = await Tfa.FullLoginAsync(user);
        Factory.Clock.Advance(PastTheWindow);

        using (var stale = await Api.PostJsonAsync("/api/v1/tfa/backup_tokens/regenerate", new { tfa_token = Tfa.CodeFor(user.Secret!) }, tokens.AccessToken))
        {
            await AssertReauthenticationChallengeAsync(stale);
        }

        using var withPassword = await Api.PostJsonAsync("/api/v1/tfa/backup_tokens/regenerate",
            new { tfa_token = Tfa.CodeFor(user.Secret!), password = TestPasswords.Strong }, tokens.AccessToken);
        await ApiClient.ExpectAsync(withPassword, HttpStatusCode.OK);
    }

    [Test]
    public async Task TheQrCode_IsShownWhileTheEnrollmentIsPending_ButNeverAfterConfirmation()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var tokens = await Tfa.FullLoginAsync(user);

        using var qr = await Api.GetAsync("/api/v1/tfa/get_my_qrcode", tokens.AccessToken);

        var problem = await ApiClient.ReadProblemAsync(qr, HttpStatusCode.Conflict);
        Assert.That((string?)problem["code"], Is.EqualTo("tfa.secret_not_retrievable"));
    }

    [Test]
    public async Task ConfirmingTfa_EndsEveryOtherSession_AndKeepsThisOne()
    {
        var (email, other) = await Api.SignedInUserAsync();
        var tokens = await Api.LoginTokensAsync(email);
        using var enable = await EnableAsync(tokens.AccessToken);
        var secret = (string)JsonNode.Parse(await enable.Content.ReadAsStringAsync())!["enrollment"]!["secret"]!;

        using (var confirm = await Api.PostJsonAsync("/api/v1/tfa/confirm_tfa", new { tfa_token = Tfa.CodeFor(secret) }, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(confirm, HttpStatusCode.OK);
        }

        using (var otherMe = await Api.GetAsync("/api/v1/auth/me", other.AccessToken))
        {
            await ApiClient.ExpectAsync(otherMe, HttpStatusCode.Unauthorized);
        }

        using (var otherRefresh = await Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = other.RefreshToken }))
        {
            await ApiClient.ExpectAsync(otherRefresh, HttpStatusCode.Unauthorized);
        }

        using var thisMe = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        await ApiClient.ExpectAsync(thisMe, HttpStatusCode.OK);
    }

    [Test]
    public async Task TheAccessToken_CarriesAuthTime_FromTheSignIn_AcrossRefreshes()
    {
        var (_, tokens) = await Api.SignedInUserAsync();
        var signedInAt = (long)TokenForge.Payload(tokens.AccessToken)["auth_time"]!;
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));

        using var refresh = await Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = tokens.RefreshToken });
        var refreshed = await ApiClient.ReadAsync<Tokens>(refresh, HttpStatusCode.OK);

        Assert.That(signedInAt, Is.EqualTo(Factory.Clock.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds()).Within(1));
        Assert.That((long)TokenForge.Payload(refreshed.AccessToken)["auth_time"]!, Is.EqualTo(signedInAt));
    }
}
