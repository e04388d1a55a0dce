using System.Net;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Lifecycle;

/// <summary>
/// Known devices: a completed sign-in hands the client a device token; attempts that present it count against that
/// device alone, so others cannot lock the owner out; "remember this device" skips the second factor, truthfully.
/// </summary>
public sealed class KnownDeviceTests : SharedServiceTests
{
    private async Task<HttpResponseMessage> LoginFromDeviceAsync(string email, string? deviceToken, string password = TestPasswords.Strong)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email, password }),
        };
        if (deviceToken is not null)
        {
            request.Headers.Add("X-Device-Token", deviceToken);
        }

        return await Api.Http.SendAsync(request);
    }

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ApiClient.ExpectAsync(response, expected);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<(string Email, string DeviceToken)> OwnerWithDeviceAsync()
    {
        var email = ApiClient.NewEmail("owner");
        using (var signup = await Api.SignupAsync(email))
        {
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        }

        using var login = await LoginFromDeviceAsync(email, null);
        var body = await BodyAsync(login, HttpStatusCode.OK);
        Assert.That(login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auth_device=", StringComparison.Ordinal)),
            Does.Contain("httponly").IgnoreCase.And.Contain("secure").IgnoreCase.And.Contain("samesite=lax").IgnoreCase);
        return (email, (string)body["device_token"]!);
    }

    [Test]
    public async Task AnAttackerWithoutTheDevice_CannotLockTheOwnerOut()
    {
        var (email, device) = await OwnerWithDeviceAsync();
        for (var i = 0; i < 8; i++)
        {
            using var attack = await Api.LoginAsync(email, TestPasswords.Other);
            Assert.That(attack.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests));
        }

        using (var withoutDevice = await Api.LoginAsync(email))
        {
            await ApiClient.ExpectAsync(withoutDevice, HttpStatusCode.TooManyRequests);
        }

        using var owner = await LoginFromDeviceAsync(email, device);
        var body = await BodyAsync(owner, HttpStatusCode.OK);
        Assert.That(body["device_token"], Is.Null, "a known device keeps its token");
    }

    [Test]
    public async Task WrongPasswordsFromTheDevice_CountOnItsOwnCounter()
    {
        var (email, device) = await OwnerWithDeviceAsync();
        for (var i = 0; i < 5; i++)
        {
            using var typo = await LoginFromDeviceAsync(email, device, TestPasswords.Other);
            await ApiClient.ExpectAsync(typo, HttpStatusCode.Unauthorized);
        }

        using (var throttledDevice = await LoginFromDeviceAsync(email, device))
        {
            await ApiClient.ExpectAsync(throttledDevice, HttpStatusCode.TooManyRequests);
        }

        using var elsewhere = await Api.LoginAsync(email);
        await ApiClient.ExpectAsync(elsewhere, HttpStatusCode.OK);
    }

    [Test]
    public async Task ARememberedDevice_SkipsTheSecondFactor_AndItsTokenClaimsOnlyThePassword()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        using var remember = await Api.PostJsonAsync(
            $"/api/v1/tfa/login_tfa?tfa_token={Tfa.CodeFor(user.Secret!)}&remember_device=true", new { }, pre);
        var device = (string)(await BodyAsync(remember, HttpStatusCode.OK))["device_token"]!;

        using (var again = await LoginFromDeviceAsync(user.Email, device))
        {
            var body = await BodyAsync(again, HttpStatusCode.OK);
            Assert.That(TokenForge.Payload((string)body["access_token"]!)["amr"]!.AsArray().Select(a => (string?)a), Is.EqualTo(new[] { "pwd" }));
        }

        using var otherClient = await LoginFromDeviceAsync(user.Email, null);
        await ApiClient.ExpectAsync(otherClient, HttpStatusCode.Accepted);
    }

    [Test]
    public async Task APasswordChange_ForgetsRememberedDevices()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        using var remember = await Api.PostJsonAsync("/api/v1/tfa/login_tfa", new { tfa_token = Tfa.CodeFor(user.Secret!), remember_device = true }, pre);
        var rememberedBody = await BodyAsync(remember, HttpStatusCode.OK);
        var device = (string)rememberedBody["device_token"]!;

        using (var change = await Api.PostJsonAsync("/api/v1/auth/change_password",
                   new { current_password = TestPasswords.Strong, new_password = TestPasswords.Other }, (string)rememberedBody["access_token"]!))
        {
            await ApiClient.ExpectAsync(change, HttpStatusCode.NoContent);
        }

        using var after = await LoginFromDeviceAsync(user.Email, device, TestPasswords.Other);
        await ApiClient.ExpectAsync(after, HttpStatusCode.Accepted);
    }

    [Test]
    public async Task Devices_AreListed_AndAForgottenDevice_IsNoLongerKnown()
    {
        var (email, device) = await OwnerWithDeviceAsync();
        var tokens = await Api.LoginTokensAsync(email);
        using var list = await Api.GetAsync("/api/v1/auth/devices", tokens.AccessToken);
        var devices = (await BodyAsync(list, HttpStatusCode.OK)).AsArray();
        Assert.That(devices, Has.Count.EqualTo(2), "the owner's device and this test client's");
        Assert.That(devices.ToJsonString(), Does.Not.Contain(device));

        foreach (var known in devices)
        {
            using var forget = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/auth/devices/{(string)known!["id"]!}", null, tokens.AccessToken);
            await ApiClient.ExpectAsync(forget, HttpStatusCode.NoContent);
        }

        using var fromForgotten = await LoginFromDeviceAsync(email, device);
        Assert.That((await BodyAsync(fromForgotten, HttpStatusCode.OK))["device_token"], Is.Not.Null, "recognised as a new device");
    }
}
