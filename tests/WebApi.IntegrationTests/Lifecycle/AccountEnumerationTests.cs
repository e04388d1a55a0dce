using System.Net;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Lifecycle;

/// <summary>
/// Nothing gives away which accounts exist: forgot_password and verify_email/resend only queue the request, the same
/// way for every address. With the background work paused (as in every test), the answers are identical and nothing
/// is written; draining the queue then does the known account's work.
/// </summary>
public sealed class AccountEnumerationTests : SharedServiceTests
{
    private async Task<(int Tokens, int Mail, int Audit)> RowsAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return (await db.AccountTokens.CountAsync(), await db.OutboxMessages.CountAsync(), await db.AuditEvents.CountAsync());
    }

    [TestCase("/api/v1/auth/forgot_password", "Reset your password")]
    [TestCase("/api/v1/auth/verify_email/resend", "Confirm your email address")]
    public async Task KnownAndUnknownAddresses_GetIdenticalAnswers_AndTheRequestPathWritesNothing(string path, string subject)
    {
        var (email, _) = await Api.SignedInUserAsync();
        await Factory.DeliverQueuedMailAsync();
        var before = await RowsAsync();

        using var known = await Api.PostJsonAsync(path, new { email });
        using var unknown = await Api.PostJsonAsync(path, new { email = ApiClient.NewEmail("nobody") });

        Assert.That(known.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(unknown.StatusCode, Is.EqualTo(known.StatusCode));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Is.EqualTo(await known.Content.ReadAsStringAsync()));
        Assert.That(known.Content.Headers.ContentLength, Is.EqualTo(unknown.Content.Headers.ContentLength));
        Assert.That(await RowsAsync(), Is.EqualTo(before), "the request path wrote nothing");

        var mail = await Tfa.MailToAsync(email);
        Assert.That(mail.Count(m => m.Subject == subject), Is.EqualTo(subject == "Reset your password" ? 1 : 2), "the queued work ran for the known address");
    }
}
