using System.Net;
using System.Text.Json.Nodes;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Abuse;

public sealed class AuditLogTests
{
    [Test]
    public async Task EverySecurityEvent_IsRecorded_WithoutAnySecret_AndShownToTheUser()
    {
        await using var factory = new AuthApiFactory();
        var tfa = new TfaSupport(factory, factory.CreateApiClient());
        var api = tfa.Api;
        var user = await tfa.SignupAsync("code_generator");
        var secrets = new List<string> { TestPasswords.Strong, TestPasswords.Other, user.Secret! };
        secrets.AddRange(user.BackupTokens);

        // Failures, a throttle, and a forged log line in the user agent.
        // HTTP itself refuses CR/LF in a header (AuditEventTests covers the encoding); this one is sent as far as it goes.
        api.Http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "evil\r\n[00:00:00 INF] forged line");
        for (var i = 0; i < 5; i++)
        {
            using (await api.LoginAsync(user.Email, TestPasswords.Other))
            {
            }
        }

        api.Http.DefaultRequestHeaders.Remove("User-Agent");
        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        // Second factor: a right code (which also resets the throttle), a wrong one, a replay, a backup token.
        var (pre, _) = await tfa.PasswordStepAsync(user.Email);
        var code = tfa.CodeFor(user.Secret!);
        secrets.Add(code);
        using (var ok = await tfa.LoginTfaAsync(pre, code))
        {
            await ApiClient.ExpectAsync(ok, HttpStatusCode.OK);
        }

        var (wrongPre, _) = await tfa.PasswordStepAsync(user.Email);
        using (await tfa.LoginTfaAsync(wrongPre, code == "000000" ? "111111" : "000000"))
        {
        }

        var (replayPre, _) = await tfa.PasswordStepAsync(user.Email);
        using (await tfa.LoginTfaAsync(replayPre, code))
        {
        }

        using var recovered = await tfa.RecoverAsync(replayPre, user.BackupTokens[0]);
        var tokens = await ApiClient.ReadAsync<Tokens>(recovered, HttpStatusCode.OK);
        secrets.Add(tokens.AccessToken);
        secrets.Add(tokens.RefreshToken!);

        // Refresh reuse, regenerate, password change, reset request, reset, logout, disable.
        using (var refreshed = await api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = tokens.RefreshToken }))
        {
            tokens = await ApiClient.ReadAsync<Tokens>(refreshed, HttpStatusCode.OK);
        }

        using (await api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = secrets[^1] }))
        {
        }

        tokens = await tfa.FullLoginAsync(user);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using (var regenerate = await api.PostJsonAsync("/api/v1/tfa/backup_tokens/regenerate", new { tfa_token = tfa.CodeFor(user.Secret!) }, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(regenerate, HttpStatusCode.OK);
        }

        using (var change = await api.PostJsonAsync("/api/v1/auth/change_password",
                   new { current_password = TestPasswords.Strong, new_password = TestPasswords.Other }, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(change, HttpStatusCode.NoContent);
        }

        using (await api.PostJsonAsync("/api/v1/auth/forgot_password", new { email = user.Email }))
        {
        }

        await factory.DeliverQueuedMailAsync();

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using (var disable = await api.PostJsonAsync("/api/v1/tfa/disable_tfa",
                   new { password = TestPasswords.Other, tfa_token = tfa.CodeFor(user.Secret!) }, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(disable, HttpStatusCode.NoContent);
        }

        using (var logout = await api.PostJsonAsync("/api/v1/auth/logout", new { }, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(logout, HttpStatusCode.NoContent);
        }

        using var scope = factory.Services.CreateScope();
        var events = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEvents.AsNoTracking().ToListAsync();
        var types = events.Select(e => e.Type).ToHashSet();

        Assert.That(types, Is.SupersetOf(new[]
        {
            "login.succeeded", "login.failed", "tfa.passed", "tfa.failed", "tfa.code_replay_blocked", "tfa.backup_token_used",
            "auth.throttling_started", "tfa.enabled", "tfa.disabled", "tfa.backup_tokens_regenerated", "password.changed",
            "password.reset_requested", "session.revoked", "session.refresh_token_reuse",
        }));
        var everything = string.Join('\n', events.Select(e => $"{e.Type} {e.Reason} {e.ClientIp} {e.UserAgent} {e.UserId}"))
            + string.Join('\n', factory.Logs.Events);
        foreach (var secret in secrets)
        {
            Assert.That(everything, Does.Not.Contain(secret));
        }

        Assert.That(events.Where(e => e.UserAgent is not null).Select(e => e.UserAgent), Has.None.Contains("\n"));
        Assert.That(events.All(e => e.OccurredAt.Offset == TimeSpan.Zero), Is.True, "UTC");

        // The user sees their own events, newest first, paged.
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await api.LoginTokensAsync(user.Email, TestPasswords.Other);
        using var page = await api.GetAsync("/api/v1/auth/security_activity?page=1&page_size=5", fresh.AccessToken);
        var body = JsonNode.Parse(await page.Content.ReadAsStringAsync())!;
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["items"]!.AsArray(), Has.Count.EqualTo(5));
        Assert.That((int)body["total"]!, Is.GreaterThan(5));
        Assert.That((string?)body["items"]![0]!["type"], Is.EqualTo("login.succeeded"));
        tfa.Api.Dispose();
    }

    [Test]
    public async Task APasswordReset_IsRecorded()
    {
        await using var factory = new AuthApiFactory();
        using var api = factory.CreateApiClient();
        var tfa = new TfaSupport(factory, api);
        var (email, _) = await api.SignedInUserAsync();
        using (await api.PostJsonAsync("/api/v1/auth/forgot_password", new { email }))
        {
        }

        var mail = (await tfa.MailToAsync(email)).First(m => m.Subject == "Reset your password");
        var token = Uri.UnescapeDataString(System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"token=(\S+)").Groups[1].Value);
        using (var reset = await api.PostJsonAsync("/api/v1/auth/reset_password", new { token, new_password = TestPasswords.Other }))
        {
            await ApiClient.ExpectAsync(reset, HttpStatusCode.NoContent);
        }

        using var scope = factory.Services.CreateScope();
        var events = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEvents.AsNoTracking().Select(e => e.Type).ToListAsync();
        Assert.That(events, Does.Contain("password.reset"));
        Assert.That(string.Join('\n', factory.Logs.Events), Does.Not.Contain(token));
    }
}
