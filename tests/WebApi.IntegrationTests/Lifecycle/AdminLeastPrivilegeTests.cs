using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Lifecycle;

/// <summary>
/// Administration has least privilege: API keys act only within their scopes and can never mint keys or grant roles;
/// those need an administrator's own fresh session. Role changes end the user's sessions at once, and a disabled or
/// demoted administrator's keys stop working.
/// </summary>
public sealed class AdminLeastPrivilegeTests : SharedServiceTests
{
    private async Task<JsonNode> CreateKeyAsync(string admin, params string[] scopes)
    {
        using var response = await Api.PostJsonAsync("/api/v1/admin/api_keys", new { name = "automation", scopes }, admin);
        await ApiClient.ExpectAsync(response, HttpStatusCode.Created);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> WithKeyAsync(HttpMethod method, string path, string key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-API-Key", key);
        return await Api.Http.SendAsync(request);
    }

    private async Task<Guid> IdOfAsync(string accessToken)
    {
        using var me = await Api.GetAsync("/api/v1/auth/me", accessToken);
        return (await ApiClient.ReadAsync<UserBody>(me, HttpStatusCode.OK)).Id;
    }

    [Test]
    public async Task AKey_ActsOnlyWithinItsScopes()
    {
        var admin = await Tfa.AdminTokenAsync();
        var key = (string)(await CreateKeyAsync(admin, "users:read"))["key"]!;
        var (_, someone) = await Api.SignedInUserAsync();
        var id = await IdOfAsync(someone.AccessToken);

        using (var read = await WithKeyAsync(HttpMethod.Get, $"/api/v1/admin/users/{id}", key))
        {
            await ApiClient.ExpectAsync(read, HttpStatusCode.OK);
        }

        using (var write = await WithKeyAsync(HttpMethod.Post, $"/api/v1/admin/users/{id}/disable", key))
        {
            await ApiClient.ReadProblemAsync(write, HttpStatusCode.Forbidden);
        }

        using var audit = await WithKeyAsync(HttpMethod.Get, "/api/v1/admin/audit", key);
        await ApiClient.ReadProblemAsync(audit, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task NoKey_CanCreateKeys_OrChangeRoles_EvenWithEveryScope()
    {
        var admin = await Tfa.AdminTokenAsync();
        var key = (string)(await CreateKeyAsync(admin, "users:read", "users:write", "audit:read", "emails:read", "emails:write"))["key"]!;
        var (email, someone) = await Api.SignedInUserAsync();
        var id = await IdOfAsync(someone.AccessToken);

        using (var mint = await WithKeyAsync(HttpMethod.Post, "/api/v1/admin/api_keys", key, new { name = "escalate", scopes = new[] { "users:write" } }))
        {
            Assert.That(mint.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
        }

        using var grant = await WithKeyAsync(HttpMethod.Put, $"/api/v1/admin/users/{id}/roles", key, new { roles = new[] { "admin" } });
        Assert.That(grant.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
        var after = await Api.LoginTokensAsync(email);
        Assert.That(TokenForge.Payload(after.AccessToken)["roles"]!.AsArray().Select(r => (string?)r), Does.Not.Contain("admin"));
    }

    [Test]
    public async Task CreatingAKey_OrChangingRoles_FromAnAdministratorsOldSignIn_NeedsTheirPassword()
    {
        var admin = await Tfa.AdminTokenAsync();
        var (_, someone) = await Api.SignedInUserAsync();
        var id = await IdOfAsync(someone.AccessToken);
        Factory.Clock.Advance(TimeSpan.FromMinutes(6));

        using (var key = await Api.PostJsonAsync("/api/v1/admin/api_keys", new { name = "late", scopes = new[] { "users:read" } }, admin))
        {
            var problem = await ApiClient.ReadProblemAsync(key, HttpStatusCode.Unauthorized);
            Assert.That((string?)problem["code"], Is.EqualTo("auth.reauthentication_required"));
        }

        using (var roles = await Api.SendAsync(HttpMethod.Put, $"/api/v1/admin/users/{id}/roles", JsonContent.Create(new { roles = new[] { "admin" } }), admin))
        {
            await ApiClient.ReadProblemAsync(roles, HttpStatusCode.Unauthorized);
        }

        using var withPassword = await Api.PostJsonAsync("/api/v1/admin/api_keys",
            new { name = "late", scopes = new[] { "users:read" }, password = TestPasswords.Strong }, admin);
        await ApiClient.ExpectAsync(withPassword, HttpStatusCode.Created);
    }

    [Test]
    public async Task ChangingAUsersRoles_EndsTheirSessions_SoNoTokenKeepsTheOldRoles()
    {
        var admin = await Tfa.AdminTokenAsync();
        var (email, before) = await Api.SignedInUserAsync();
        var id = await IdOfAsync(before.AccessToken);

        using (var grant = await Api.SendAsync(HttpMethod.Put, $"/api/v1/admin/users/{id}/roles", JsonContent.Create(new { roles = new[] { "admin" } }), admin))
        {
            await ApiClient.ExpectAsync(grant, HttpStatusCode.OK);
        }

        using (var old = await Api.GetAsync("/api/v1/auth/me", before.AccessToken))
        {
            await ApiClient.ExpectAsync(old, HttpStatusCode.Unauthorized);
        }

        using (var refresh = await Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = before.RefreshToken }))
        {
            await ApiClient.ExpectAsync(refresh, HttpStatusCode.Unauthorized);
        }

        var after = await Api.LoginTokensAsync(email);
        Assert.That(TokenForge.Payload(after.AccessToken)["roles"]!.AsArray().Select(r => (string?)r), Does.Contain("admin"));
    }

    [TestCase("disable")]
    [TestCase("demote")]
    public async Task AnAdministratorsKeys_StopWorking_WhenTheyAreDisabledOrDemoted(string change)
    {
        var creator = await Tfa.AdminTokenAsync();
        var key = (string)(await CreateKeyAsync(creator, "users:read"))["key"]!;
        var creatorId = await IdOfAsync(creator);
        var other = await Tfa.AdminTokenAsync();

        using (var response = change == "disable"
                   ? await Api.PostJsonAsync($"/api/v1/admin/users/{creatorId}/disable", new { }, other)
                   : await Api.SendAsync(HttpMethod.Put, $"/api/v1/admin/users/{creatorId}/roles", JsonContent.Create(new { roles = Array.Empty<string>() }), other))
        {
            Assert.That((int)response.StatusCode, Is.InRange(200, 204));
        }

        using var afterwards = await WithKeyAsync(HttpMethod.Get, "/api/v1/admin/users", key);
        await ApiClient.ReadProblemAsync(afterwards, HttpStatusCode.Unauthorized);
    }
}
