using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Admin;

/// <summary>
/// The admin API, on one service: one administrator made by the command line serves every test that only needs an
/// actor (each acts on users it signs up itself); the command line's own behaviour has its tests here and in
/// <see cref="AdminCommandLineTests"/>.
/// </summary>
public sealed class AdminApiTests : SharedServiceTests
{
    private const string AdminPassword = "the-first-administrator-7";

    private string? _administrator;

    /// <summary>Makes an administrator the way an operator does: the service binary's <c>admin create</c> command.</summary>
    private async Task<string> CreateAdministratorWithTheCommandLineAsync()
    {
        var email = ApiClient.NewEmail("admin");
        var run = await AdminCommandLineProcess.RunAsync(Factory, AdminPassword, "create", "--email", email, "--name", "First Admin");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Errors);
        Assert.That(run.Output, Does.Contain($"Created administrator {email}"));
        Assert.That(run.Output + run.Errors, Does.Not.Contain(AdminPassword));
        return email;
    }

    /// <summary>A fresh sign-in of the class's administrator (made by the command line the first time it is needed).</summary>
    private async Task<string> AdminTokenAsync()
    {
        _administrator ??= await CreateAdministratorWithTheCommandLineAsync();
        return (await Api.LoginTokensAsync(_administrator, AdminPassword)).AccessToken;
    }

    private async Task<Guid> UserIdAsync(string accessToken)
    {
        using var me = await Api.GetAsync("/api/v1/auth/me", accessToken);
        return (await ApiClient.ReadAsync<UserBody>(me, HttpStatusCode.OK)).Id;
    }

    [Test]
    public async Task TheCommandLine_CreatesAnAdministrator_WhoCanUseTheAdminApi()
    {
        var email = await CreateAdministratorWithTheCommandLineAsync();
        var admin = (await Api.LoginTokensAsync(email, AdminPassword)).AccessToken;

        Assert.That(TokenForge.Payload(admin)["roles"]!.AsArray().Select(r => (string?)r), Is.EquivalentTo(new[] { "admin", "user" }));
        using var users = await Api.GetAsync("/api/v1/admin/users?page=1&page_size=10", admin);
        var body = JsonNode.Parse(await users.Content.ReadAsStringAsync())!;
        Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)body["total"]!, Is.GreaterThanOrEqualTo(1));
        using var reference = await Api.GetAsync("/api/v1/users/users", admin);
        Assert.That(reference.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ANormalUser_Gets403_OnEveryAdminRoute()
    {
        var (_, tokens) = await Api.SignedInUserAsync();
        var someone = Guid.NewGuid();
        var routes = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Get, "/api/v1/admin/users"),
            (HttpMethod.Get, "/api/v1/users/users"),
            (HttpMethod.Post, $"/api/v1/admin/users/{someone}/unlock"),
            (HttpMethod.Post, $"/api/v1/admin/users/{someone}/revoke_sessions"),
            (HttpMethod.Put, $"/api/v1/admin/users/{someone}/roles"),
            (HttpMethod.Get, $"/api/v1/admin/users/{someone}"),
            (HttpMethod.Post, $"/api/v1/admin/users/{someone}/disable"),
            (HttpMethod.Post, $"/api/v1/admin/users/{someone}/enable"),
            (HttpMethod.Post, $"/api/v1/admin/users/{someone}/reset_tfa"),
            (HttpMethod.Post, $"/api/v1/admin/users/{someone}/password_reset"),
            (HttpMethod.Get, "/api/v1/admin/audit"),
            (HttpMethod.Get, $"/api/v1/admin/emails/{someone}"),
            (HttpMethod.Post, $"/api/v1/admin/emails/{someone}/retry"),
            (HttpMethod.Get, $"/api/v1/tasks/taskstatus?task_id={someone}"),
            (HttpMethod.Get, "/api/v1/admin/api_keys"),
            (HttpMethod.Post, "/api/v1/admin/api_keys"),
            (HttpMethod.Delete, $"/api/v1/admin/api_keys/{someone}"),
        };

        foreach (var (method, path) in routes)
        {
            using var response = await Api.SendAsync(method, path, JsonContent.Create(new { roles = new[] { "admin" } }), tokens.AccessToken);
            var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.That((string?)problem["code"], Is.EqualTo("auth.forbidden"), path);
        }

        using var anonymous = await Api.GetAsync("/api/v1/users/users");
        await ApiClient.ReadProblemAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Unlock_ClearsTheThrottle_AndIsAuditedWithTheAdministrator()
    {
        var admin = await AdminTokenAsync();
        var (email, tokens) = await Api.SignedInUserAsync();
        var userId = await UserIdAsync(tokens.AccessToken);
        for (var i = 0; i < 5; i++)
        {
            using (await Api.LoginAsync(email, "not-the-password"))
            {
            }
        }

        using (var throttled = await Api.LoginAsync(email))
        {
            await ApiClient.ReadProblemAsync(throttled, HttpStatusCode.TooManyRequests);
        }

        using (var list = await Api.GetAsync($"/api/v1/admin/users?query={Uri.EscapeDataString(email)}", admin))
        {
            var item = JsonNode.Parse(await list.Content.ReadAsStringAsync())!["items"]![0]!;
            Assert.That((int)item["consecutive_failures"]!, Is.EqualTo(5));
            Assert.That(item["throttled_until"], Is.Not.Null);
        }

        using (var unlock = await Api.PostJsonAsync($"/api/v1/admin/users/{userId}/unlock", new { }, admin))
        {
            await ApiClient.ExpectAsync(unlock, HttpStatusCode.NoContent);
        }

        using var login = await Api.LoginAsync(email);
        await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
        var adminId = await UserIdAsync(admin);
        using var scope = Factory.Services.CreateScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Type == "admin.throttle_cleared" && e.UserId == userId);
        Assert.That(audit.UserId, Is.EqualTo(userId));
        Assert.That(audit.ActorId, Is.EqualTo(adminId));
    }

    [Test]
    public async Task RevokeSessions_EndsEveryOneOfTheUsersSessions_AtOnce()
    {
        var admin = await AdminTokenAsync();
        var (email, first) = await Api.SignedInUserAsync();
        var second = await Api.LoginTokensAsync(email);

        using (var revoke = await Api.PostJsonAsync($"/api/v1/admin/users/{await UserIdAsync(first.AccessToken)}/revoke_sessions", new { }, admin))
        {
            await ApiClient.ExpectAsync(revoke, HttpStatusCode.NoContent);
        }

        foreach (var token in new[] { first.AccessToken, second.AccessToken })
        {
            using var me = await Api.GetAsync("/api/v1/auth/me", token);
            await ApiClient.ReadProblemAsync(me, HttpStatusCode.Unauthorized);
        }

        using var refresh = await Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = second.RefreshToken });
        await ApiClient.ReadProblemAsync(refresh, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Roles_TakeEffectOnTheUsersNextToken_AndUnknownRolesAreRefused()
    {
        var admin = await AdminTokenAsync();
        var (email, tokens) = await Api.SignedInUserAsync();
        var userId = await UserIdAsync(tokens.AccessToken);

        using (var unknown = await Api.SendAsync(HttpMethod.Put, $"/api/v1/admin/users/{userId}/roles",
                   JsonContent.Create(new { roles = new[] { "superuser" } }), admin))
        {
            var problem = await ApiClient.ReadProblemAsync(unknown, HttpStatusCode.BadRequest);
            Assert.That(problem["error_codes"]!.ToJsonString(), Does.Contain("roles.unknown"));
        }

        using (var grant = await Api.SendAsync(HttpMethod.Put, $"/api/v1/admin/users/{userId}/roles",
                   JsonContent.Create(new { roles = new[] { "admin" } }), admin))
        {
            var roles = JsonNode.Parse(await grant.Content.ReadAsStringAsync())!["roles"]!.AsArray().Select(r => (string?)r);
            Assert.That(roles, Is.EquivalentTo(new[] { "admin", "user" }));
        }

        var promoted = await Api.LoginTokensAsync(email);
        using var adminRoute = await Api.GetAsync("/api/v1/admin/users", promoted.AccessToken);
        Assert.That(adminRoute.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Disable_EndsEverySession_AndBlocksLogin_UntilEnabled()
    {
        var admin = await AdminTokenAsync();
        var (email, tokens) = await Api.SignedInUserAsync();
        var userId = await UserIdAsync(tokens.AccessToken);

        using (var disable = await Api.PostJsonAsync($"/api/v1/admin/users/{userId}/disable", new { }, admin))
        {
            await ApiClient.ExpectAsync(disable, HttpStatusCode.NoContent);
        }

        using (var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken))
        {
            await ApiClient.ReadProblemAsync(me, HttpStatusCode.Unauthorized);
        }

        using (var login = await Api.LoginAsync(email))
        {
            var problem = await ApiClient.ReadProblemAsync(login, HttpStatusCode.Forbidden);
            Assert.That((string?)problem["code"], Is.EqualTo("auth.account_disabled"));
        }

        using (var wrongPassword = await Api.LoginAsync(email, "not-the-password"))
        {
            await ApiClient.ReadProblemAsync(wrongPassword, HttpStatusCode.Unauthorized);
        }

        using (var enable = await Api.PostJsonAsync($"/api/v1/admin/users/{userId}/enable", new { }, admin))
        {
            await ApiClient.ExpectAsync(enable, HttpStatusCode.NoContent);
        }

        using var again = await Api.LoginAsync(email);
        await ApiClient.ExpectAsync(again, HttpStatusCode.OK);
    }

    [Test]
    public async Task ResetTfa_NeedsAReason_RemovesTheSecondFactor_EndsSessions_AndTellsTheUser()
    {
        var admin = await AdminTokenAsync();
        var user = await Tfa.SignupAsync("code_generator");
        var tokens = await Tfa.FullLoginAsync(user);
        var userId = await UserIdAsync(tokens.AccessToken);

        using (var noReason = await Api.PostJsonAsync($"/api/v1/admin/users/{userId}/reset_tfa", new { reason = "" }, admin))
        {
            await ApiClient.ReadProblemAsync(noReason, HttpStatusCode.BadRequest);
        }

        using (var reset = await Api.PostJsonAsync($"/api/v1/admin/users/{userId}/reset_tfa", new { reason = "Lost phone, ticket 4711" }, admin))
        {
            await ApiClient.ExpectAsync(reset, HttpStatusCode.NoContent);
        }

        using (var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken))
        {
            await ApiClient.ReadProblemAsync(me, HttpStatusCode.Unauthorized);
        }

        using (var login = await Api.LoginAsync(user.Email))
        {
            await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
        }

        var notice = (await Tfa.MailToAsync(user.Email)).Single(m => m.Subject == "Two-factor authentication was reset by an administrator");
        Assert.That(notice.TextBody, Does.Contain("Lost phone, ticket 4711"));
        using var detail = await Api.GetAsync($"/api/v1/admin/users/{userId}", admin);
        Assert.That((bool)JsonNode.Parse(await detail.Content.ReadAsStringAsync())!["tfa_enabled"]!, Is.False);
    }

    [Test]
    public async Task PasswordReset_SendsTheUserAResetEmail()
    {
        var admin = await AdminTokenAsync();
        var (email, tokens) = await Api.SignedInUserAsync();

        using var response = await Api.PostJsonAsync($"/api/v1/admin/users/{await UserIdAsync(tokens.AccessToken)}/password_reset", new { }, admin);

        await ApiClient.ExpectAsync(response, HttpStatusCode.Accepted);
        Assert.That((await Tfa.MailToAsync(email)).Select(m => m.Subject), Does.Contain("Reset your password"));
    }

    [Test]
    public async Task GetUser_OfAnUnknownId_Returns404()
    {
        var admin = await AdminTokenAsync();

        using var response = await Api.GetAsync($"/api/v1/admin/users/{Guid.NewGuid()}", admin);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That((string?)problem["code"], Is.EqualTo("user.not_found"));
    }

    [Test]
    public async Task TheCommandLine_RefusesAWeakPassword_AndCreatesNothing()
    {
        var email = ApiClient.NewEmail("weak");

        var run = await AdminCommandLineProcess.RunAsync(Factory, "password1", "create", "--email", email);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Errors, Does.Contain("password"));
        using var login = await Api.LoginAsync(email, "password1");
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
