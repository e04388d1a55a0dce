using System.Net;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Admin;

/// <summary>The operator's commands beside <c>admin create</c>, each run as the real binary against the running service's database.</summary>
public sealed class AdminCommandLineTests : SharedServiceTests
{
    [TestCase("--help")]
    [TestCase("-h")]
    public async Task Help_PrintsHowToRunAndAdminister_AndStartsNothing(string flag)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Auth.WebApi.dll"), flag])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Factory.DataDirectory,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.That(process.ExitCode, Is.EqualTo(0), await errors);
        Assert.That(await output, Does.Contain("usage: Auth.WebApi").And.Contain("admin create --email"));
        Assert.That(Directory.Exists(Path.Combine(Factory.DataDirectory, "data")), Is.False, "no database or key was made");
    }

    [Test]
    public async Task GrantRole_MakesAUserAnAdministrator_WhoCanUseTheAdminApi()
    {
        var (email, before) = await Api.SignedInUserAsync();
        using (var refused = await Api.GetAsync("/api/v1/admin/users", before.AccessToken))
        {
            await ApiClient.ExpectAsync(refused, HttpStatusCode.Forbidden);
        }

        var run = await AdminCommandLineProcess.RunAsync(Factory, null, "grant-role", "--email", email, "--role", "admin");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Errors);
        Assert.That(run.Output, Does.Contain($"{email} now has roles: admin, user."));
        var after = await Api.LoginTokensAsync(email);
        Assert.That(TokenForge.Payload(after.AccessToken)["roles"]!.AsArray().Select(r => (string?)r), Is.EquivalentTo(new[] { "admin", "user" }));
        using var allowed = await Api.GetAsync("/api/v1/admin/users", after.AccessToken);
        await ApiClient.ExpectAsync(allowed, HttpStatusCode.OK);
    }

    [Test]
    public async Task EmailsCanonicalize_RespellsAnAddressStoredTheOldWay_SoSigningInWithItsCanonicalSpellingWorks()
    {
        var (email, _) = await Api.SignedInUserAsync();
        var oldSpelling = "\uFF4E" + email; // a full-width first letter, stored as typed before canonicalisation
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            db.Entry(user).Property(u => u.Email).CurrentValue = oldSpelling;
            db.Entry(user).Property(u => u.NormalizedEmail).CurrentValue = oldSpelling.ToUpperInvariant();
            await db.SaveChangesAsync();
        }

        var dryRun = await AdminCommandLineProcess.RunAsync(Factory, null, "emails", "canonicalize", "--dry-run");
        using (var before = await Api.LoginAsync("n" + email))
        {
            await ApiClient.ExpectAsync(before, HttpStatusCode.Unauthorized);
        }

        var run = await AdminCommandLineProcess.RunAsync(Factory, null, "emails", "canonicalize");

        Assert.That(dryRun.Output, Does.Contain("1 would be respelled"), dryRun.Errors);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output + run.Errors);
        Assert.That(run.Output, Does.Contain("1 were respelled; 0 collisions; 0 invalid."));
        using var after = await Api.LoginAsync("N" + email);
        await ApiClient.ExpectAsync(after, HttpStatusCode.OK);
    }

    [Test]
    public async Task Unlock_ClearsTheThrottle_SoTheRightPasswordWorksAtOnce()
    {
        var (email, _) = await Api.SignedInUserAsync();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Api.LoginAsync(email, TestPasswords.Other);
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Unauthorized);
        }

        using (var throttled = await Api.LoginAsync(email))
        {
            await ApiClient.ExpectAsync(throttled, HttpStatusCode.TooManyRequests);
        }

        var run = await AdminCommandLineProcess.RunAsync(Factory, null, "unlock", "--email", email);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Errors);
        Assert.That(run.Output, Does.Contain($"Cleared the sign-in throttle of {email}."));
        using var unlocked = await Api.LoginAsync(email);
        await ApiClient.ExpectAsync(unlocked, HttpStatusCode.OK);
    }

    [Test]
    public async Task Users_ListsBySearch_AndPagesOnWithTheCursorItPrints()
    {
        var prefix = "cli" + Guid.NewGuid().ToString("N")[..8];
        var emails = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            emails.Add($"{prefix}.{i}@example.com");
            using var signup = await Api.SignupAsync(emails[^1], fullName: $"Lin {i}");
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
            Factory.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var first = await AdminCommandLineProcess.RunAsync(Factory, null, "users", "--query", prefix, "--page-size", "2");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.Errors);
        var cursor = first.Output.Split("--cursor ")[1].Trim();
        var second = await AdminCommandLineProcess.RunAsync(Factory, null, "users", "--query", prefix, "--page-size", "2", "--cursor", cursor);

        Assert.That(first.Output, Does.Contain(emails[0]).And.Contain(emails[1]).And.Not.Contain(emails[2]).And.Contain("2 shown of 3"));
        Assert.That(second.Output, Does.Contain(emails[2]).And.Not.Contain(emails[0]).And.Contain("no more"));
        var wrong = await AdminCommandLineProcess.RunAsync(Factory, null, "users", "--cursor", "not-a-cursor");
        Assert.That(wrong.ExitCode, Is.Not.EqualTo(0));
        Assert.That(wrong.Errors, Does.Contain("cursor"));
    }

    [Test]
    public async Task ResetTfa_RemovesTheSecondFactor_EndsTheSessions_AndTellsTheUserWhy()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var tokens = await Tfa.FullLoginAsync(user);

        var run = await AdminCommandLineProcess.RunAsync(Factory, null, "reset-tfa", "--email", user.Email, "--reason", "Lost phone, ticket 4711");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Errors);
        Assert.That(run.Output, Does.Contain($"Removed the second factor of {user.Email}"));
        await Factory.RevocationSynchronizer.SyncOnceAsync(CancellationToken.None);
        using (var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(me, HttpStatusCode.Unauthorized);
        }

        using (var refresh = await Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = tokens.RefreshToken }))
        {
            await ApiClient.ExpectAsync(refresh, HttpStatusCode.Unauthorized);
        }

        var passwordOnly = await Api.LoginTokensAsync(user.Email);
        using var profile = await Api.GetAsync("/api/v1/auth/me", passwordOnly.AccessToken);
        Assert.That((await ApiClient.ReadAsync<UserBody>(profile, HttpStatusCode.OK)).TfaEnabled, Is.False);

        // Queued by the command in the outbox (the service's dispatcher, on the tests' fake clock, would send it later).
        using var scope = Factory.Services.CreateScope();
        var bodies = scope.ServiceProvider.GetRequiredService<global::Auth.Application.Email.OutboxBodies>();
        var queued = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.To == user.Email).ToListAsync();
        Assert.That(queued.Any(m => m.Subject == "Two-factor authentication was reset by an administrator"
            && bodies.Open(m)!.Contains("Lost phone, ticket 4711", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task ACommandForAnUnknownEmail_FailsWithAClearMessage()
    {
        var run = await AdminCommandLineProcess.RunAsync(Factory, null, "unlock", "--email", ApiClient.NewEmail("nobody"));

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Errors, Does.Contain("No user has this email."));
    }
}
