using System.Net;
using System.Text.Json.Nodes;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Admin;

public sealed class ApiKeyTests : FreshServiceTests
{
    private Task<string> AdminAsync() => Tfa.AdminTokenAsync();

    private async Task<JsonNode> CreateKeyAsync(string admin, string[] scopes, DateTimeOffset? expiresAt = null)
    {
        using var response = await Api.PostJsonAsync("/api/v1/admin/api_keys", new { name = "nightly sync", scopes, expires_at = expiresAt }, admin);
        await ApiClient.ExpectAsync(response, HttpStatusCode.Created);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> WithKeyAsync(string key, string path = "/api/v1/admin/users")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-API-Key", key);
        return await Api.Http.SendAsync(request);
    }

    [Test]
    public async Task AKey_AuthenticatesOnTheAdminApi_IsShownOnce_StoredHashed_AndRecordsItsUse()
    {
        var admin = await AdminAsync();
        var created = await CreateKeyAsync(admin, ["users:read"]);
        var key = (string)created["key"]!;

        using var response = await WithKeyAsync(key);

        Assert.That(key, Does.StartWith("authk_").And.Length.GreaterThanOrEqualTo(6 + 43));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var list = await Api.GetAsync("/api/v1/admin/api_keys", admin);
        var listed = await list.Content.ReadAsStringAsync();
        Assert.That(listed, Does.Not.Contain(key));
        Assert.That(JsonNode.Parse(listed)![0]!["last_used_at"], Is.Not.Null);
        Assert.That((string?)JsonNode.Parse(listed)![0]!["prefix"], Is.EqualTo(key[..12]));
        using var scope = Factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().ApiKeys.AsNoTracking().SingleAsync();
        Assert.That(System.Text.Encoding.UTF8.GetString(stored.KeyHash), Does.Not.Contain(key[6..]));
    }

    [Test]
    public async Task ARevokedKey_Gets401()
    {
        var admin = await AdminAsync();
        var created = await CreateKeyAsync(admin, ["users:read"]);

        using (var revoke = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/admin/api_keys/{(string)created["id"]!}", null, admin))
        {
            await ApiClient.ExpectAsync(revoke, HttpStatusCode.NoContent);
        }

        using var response = await WithKeyAsync((string)created["key"]!);
        await ApiClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AnExpiredKey_Gets401()
    {
        var admin = await AdminAsync();
        var created = await CreateKeyAsync(admin, ["users:read"], Factory.Clock.GetUtcNow().AddHours(1));

        Factory.Clock.Advance(TimeSpan.FromHours(1));
        using var response = await WithKeyAsync((string)created["key"]!);

        await ApiClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AKeyWithoutTheScope_Gets403_AndAnUnknownKey401()
    {
        var admin = await AdminAsync();
        var created = await CreateKeyAsync(admin, ["audit:read"]);

        using var forbidden = await WithKeyAsync((string)created["key"]!);
        using var unknown = await WithKeyAsync("authk_" + new string('A', 43));

        await ApiClient.ReadProblemAsync(forbidden, HttpStatusCode.Forbidden);
        await ApiClient.ReadProblemAsync(unknown, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AKey_IsNoUserCredential_OnTheUserApi()
    {
        var admin = await AdminAsync();
        var created = await CreateKeyAsync(admin, ["users:read"]);

        using var response = await WithKeyAsync((string)created["key"]!, "/api/v1/auth/me");

        await ApiClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AdminActionsThroughAKey_AreAuditedWithTheKeyAsActor()
    {
        var admin = await AdminAsync();
        var created = await CreateKeyAsync(admin, ["users:write"]);
        var (_, tokens) = await Api.SignedInUserAsync();
        using var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        var userId = (await ApiClient.ReadAsync<UserBody>(me, HttpStatusCode.OK)).Id;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/users/{userId}/unlock");
        request.Headers.Add("X-API-Key", (string)created["key"]!);
        using var unlock = await Api.Http.SendAsync(request);

        await ApiClient.ExpectAsync(unlock, HttpStatusCode.NoContent);
        using var scope = Factory.Services.CreateScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Type == "admin.throttle_cleared");
        Assert.That(audit.ActorId, Is.EqualTo(Guid.Parse((string)created["id"]!)));
    }
}
