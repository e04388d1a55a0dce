using System.Net;
using System.Text.Json.Nodes;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Admin;

public sealed class AdminAuditAndEmailTests : FreshServiceTests
{
    // Mail goes to a port where nothing listens, and is given up after one attempt.
    protected override IReadOnlyDictionary<string, string?>? Settings { get; } = new Dictionary<string, string?>
    {
        ["Email:Delivery"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = "1",
        ["Email:Smtp:Security"] = "None",
        ["Email:MaxAttempts"] = "1",
    };

    private Task<string> AdminAsync() => Tfa.AdminTokenAsync();

    [Test]
    public async Task TheAuditQuery_FiltersByUserAndType()
    {
        var admin = await AdminAsync();
        var (email, tokens) = await Api.SignedInUserAsync();
        using (await Api.LoginAsync(email, "not-the-password"))
        {
        }

        using var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        var userId = (await ApiClient.ReadAsync<UserBody>(me, HttpStatusCode.OK)).Id;

        using var filtered = await Api.GetAsync($"/api/v1/admin/audit?user_id={userId}&type=login.failed", admin);
        var body = JsonNode.Parse(await filtered.Content.ReadAsStringAsync())!;
        var items = body["items"]!.AsArray();

        Assert.That(filtered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(items, Has.Count.EqualTo(1));
        Assert.That((string?)items[0]!["type"], Is.EqualTo("login.failed"));
        Assert.That((string?)items[0]!["reason"], Is.EqualTo("invalid_password"));
        using var future = await Api.GetAsync($"/api/v1/admin/audit?user_id={userId}&from=2999-01-01T00:00:00Z", admin);
        Assert.That((int)JsonNode.Parse(await future.Content.ReadAsStringAsync())!["total"]!, Is.Zero);
    }

    [Test]
    public async Task ADeadEmail_IsVisible_AndCanBeRetried_ButASentOrPendingOneCannot()
    {
        var admin = await AdminAsync();
        var (email, _) = await Api.SignedInUserAsync();
        using (await Api.PostJsonAsync("/api/v1/auth/forgot_password", new { email }))
        {
        }

        await Factory.DeliverQueuedMailAsync();
        Guid id;
        using (var scope = Factory.Services.CreateScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().OutboxMessages
                .Where(m => m.To == email && m.Subject == "Reset your password").Select(m => m.Id).SingleAsync();
        }

        using (var status = await Api.GetAsync($"/api/v1/admin/emails/{id}", admin))
        {
            var body = JsonNode.Parse(await status.Content.ReadAsStringAsync())!;
            Assert.That((string?)body["status"], Is.EqualTo("dead"));
            Assert.That((int)body["attempts"]!, Is.EqualTo(1));
            Assert.That((string?)body["last_error"], Is.Not.Empty);
            Assert.That(body.AsObject().ContainsKey("body"), Is.False, "the body may hold a secret");
        }

        using (var retry = await Api.PostJsonAsync($"/api/v1/admin/emails/{id}/retry", new { }, admin))
        {
            Assert.That((string?)JsonNode.Parse(await retry.Content.ReadAsStringAsync())!["status"], Is.EqualTo("pending"));
        }

        using (var again = await Api.PostJsonAsync($"/api/v1/admin/emails/{id}/retry", new { }, admin))
        {
            var problem = await ApiClient.ReadProblemAsync(again, HttpStatusCode.Conflict);
            Assert.That((string?)problem["code"], Is.EqualTo("email.not_dead"));
        }

        using var task = await Api.GetAsync($"/api/v1/tasks/taskstatus?task_id={id}", admin);
        Assert.That((string?)JsonNode.Parse(await task.Content.ReadAsStringAsync())!["status"], Is.EqualTo("pending"));
        using var unknown = await Api.GetAsync($"/api/v1/admin/emails/{Guid.NewGuid()}", admin);
        await ApiClient.ReadProblemAsync(unknown, HttpStatusCode.NotFound);
    }
}
