using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Testing;

public sealed class TestModeTests
{
    private static readonly Dictionary<string, string?> Enabled = new() { ["Testing:Enabled"] = "true" };

    [Test]
    public async Task TheTestingEndpoints_AreAbsent_UnlessEnabled()
    {
        await using var factory = new AuthApiFactory();
        using var api = factory.CreateApiClient();

        using var mailbox = await api.GetAsync("/api/v1/testing/mailbox?to=a@example.com");
        using var clock = await api.SendAsync(HttpMethod.Put, "/api/v1/testing/clock", JsonContent.Create(new { offset_seconds = 60 }));

        await ApiClient.ReadProblemAsync(mailbox, HttpStatusCode.NotFound);
        await ApiClient.ReadProblemAsync(clock, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task TheMailbox_ShowsTheMessagesSentToAnAddress_WithTheirCodes()
    {
        await using var factory = new AuthApiFactory(Enabled);
        var tfa = new TfaSupport(factory, factory.CreateApiClient());
        var user = await tfa.SignupAsync("email");
        var (pre, _) = await tfa.PasswordStepAsync(user.Email);

        using var mailbox = await tfa.Api.GetAsync($"/api/v1/testing/mailbox?to={Uri.EscapeDataString(user.Email.ToUpperInvariant())}");
        var messages = JsonNode.Parse(await mailbox.Content.ReadAsStringAsync())!.AsArray();
        var signIn = messages.First(m => (string?)m!["subject"] == "Your sign-in code")!;
        var code = (string)signIn["codes"]![0]!;

        Assert.That(mailbox.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)messages[0]!["subject"], Is.EqualTo("Your sign-in code"), "newest first");
        using var login = await tfa.LoginTfaAsync(pre, code);
        await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
        tfa.Api.Dispose();
    }

    [Test]
    public async Task MovingTheClock_ExpiresTokens_WithoutWaiting()
    {
        await using var factory = new AuthApiFactory(Enabled, fakeClock: false);
        using var api = factory.CreateApiClient();
        var (_, tokens) = await api.SignedInUserAsync();

        using (var move = await api.SendAsync(HttpMethod.Put, "/api/v1/testing/clock", JsonContent.Create(new { offset_seconds = 11 * 60 })))
        {
            Assert.That((double)JsonNode.Parse(await move.Content.ReadAsStringAsync())!["offset_seconds"]!, Is.EqualTo(660));
        }

        using (var expired = await api.GetAsync("/api/v1/auth/me", tokens.AccessToken))
        {
            await ApiClient.ReadProblemAsync(expired, HttpStatusCode.Unauthorized);
        }

        using (var back = await api.SendAsync(HttpMethod.Put, "/api/v1/testing/clock", JsonContent.Create(new { offset_seconds = 0 })))
        {
            await ApiClient.ExpectAsync(back, HttpStatusCode.OK);
        }

        using var valid = await api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        await ApiClient.ExpectAsync(valid, HttpStatusCode.OK);
    }
}
