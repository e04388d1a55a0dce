using System.Globalization;
using System.Net;
using Auth.Domain.Audit;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Abuse;

/// <summary>
/// Every factor goes through the one sign-in attempt path: five wrong secrets of any kind are five counted, audited
/// failures, the fifth starts throttling (audited as such), and then even the right password waits.
/// </summary>
public sealed class SignInAttemptTests : SharedServiceTests
{
    private const int FreeAttempts = 5;

    private async Task<IReadOnlyList<AuditEvent>> AuditOfAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var normalized = email.ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleAsync();
        return await db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId).ToListAsync();
    }

    private async Task AssertCountedAuditedAndThrottledAsync(string email, string failureEvent, string reason)
    {
        var events = await AuditOfAsync(email);
        Assert.Multiple(() =>
        {
            Assert.That(events.Count(e => e.Type == failureEvent && e.Outcome == AuditOutcome.Failure && e.Reason == reason),
                Is.EqualTo(FreeAttempts), "each failure is audited");
            Assert.That(events.Count(e => e.Type == AuditEventTypes.ThrottlingStarted), Is.EqualTo(1), "the fifth starts throttling");
        });

        using var rightPassword = await Api.LoginAsync(email);
        var problem = await ApiClient.ReadProblemAsync(rightPassword, HttpStatusCode.TooManyRequests);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.throttled"));
        Assert.That(rightPassword.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
    }

    /// <summary>A six-digit code that none of the authenticator's accepted time steps produces.</summary>
    private string WrongCodeFor(string secret)
    {
        var accepted = new[] { -1, 0, 1 }.Select(step => Tfa.CodeFor(secret, step)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => i.ToString("D6", CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }

    [Test]
    public async Task WrongPasswords_AreCountedAudited_AndStartThrottling()
    {
        var (email, _) = await Api.SignedInUserAsync();
        for (var i = 0; i < FreeAttempts; i++)
        {
            using var wrong = await Api.LoginAsync(email, TestPasswords.Other);
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Unauthorized);
        }

        await AssertCountedAuditedAndThrottledAsync(email, AuditEventTypes.LoginFailed, "invalid_password");
    }

    [Test]
    public async Task WrongAuthenticatorCodes_AreCountedAudited_AndStartThrottling()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        for (var i = 0; i < FreeAttempts; i++)
        {
            using var wrong = await Tfa.LoginTfaAsync(pre, WrongCodeFor(user.Secret!));
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Forbidden);
        }

        await AssertCountedAuditedAndThrottledAsync(user.Email, AuditEventTypes.TfaFailed, "tfa.invalid_code");
    }

    [Test]
    public async Task WrongEmailedCodes_AreCountedAudited_AndStartThrottling()
    {
        var user = await Tfa.SignupAsync("email");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        var sent = await Tfa.LatestCodeAsync(user.Email, "Your sign-in code");
        var wrongCode = sent == "000000" ? "000001" : "000000";
        for (var i = 0; i < FreeAttempts; i++)
        {
            using var wrong = await Tfa.LoginTfaAsync(pre, wrongCode);
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Forbidden);
        }

        await AssertCountedAuditedAndThrottledAsync(user.Email, AuditEventTypes.TfaFailed, "tfa.invalid_code");
    }

    [Test]
    public async Task WrongBackupTokens_AreCountedAudited_AndStartThrottling()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        for (var i = 0; i < FreeAttempts; i++)
        {
            using var wrong = await Tfa.RecoverAsync(pre, "aaaa-bbbb-cccc");
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Forbidden);
        }

        await AssertCountedAuditedAndThrottledAsync(user.Email, AuditEventTypes.TfaFailed, "tfa.invalid_backup_token");
    }

    [Test]
    public async Task WrongStepUpCodes_AreCountedAudited_AndStartThrottling()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var tokens = await Tfa.FullLoginAsync(user);
        for (var i = 0; i < FreeAttempts; i++)
        {
            using var wrong = await Api.PostJsonAsync(
                "/api/v1/tfa/disable_tfa", new { password = TestPasswords.Strong, tfa_token = WrongCodeFor(user.Secret!) }, tokens.AccessToken);
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Forbidden);
        }

        await AssertCountedAuditedAndThrottledAsync(user.Email, AuditEventTypes.StepUpFailed, "tfa.invalid_code");
    }

    [Test]
    public async Task WrongCurrentPasswords_AreCountedAudited_AndStartThrottling()
    {
        var (email, tokens) = await Api.SignedInUserAsync();
        for (var i = 0; i < FreeAttempts; i++)
        {
            using var wrong = await Api.PostJsonAsync(
                "/api/v1/auth/change_password", new { current_password = TestPasswords.Other, new_password = TestPasswords.Strong + "!" },
                tokens.AccessToken);
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Forbidden);
        }

        await AssertCountedAuditedAndThrottledAsync(email, AuditEventTypes.PasswordChanged, "wrong_current_password");
    }
}
