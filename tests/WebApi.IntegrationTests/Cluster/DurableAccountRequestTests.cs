using System.Net;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Cluster;

/// <summary>
/// A forgot-password request answered 202 is kept in the database, not in a node's memory: if the node stops before
/// the work, another node on the same database does it, and a link is sent once however the nodes interleave.
/// </summary>
public sealed class DurableAccountRequestTests
{
    [Test]
    public async Task ARequestAcceptedByANodeThatStops_IsSentByAnotherNode_Once()
    {
        var nodeA = new AuthApiFactory();
        using var apiA = nodeA.CreateApiClient();
        var (email, _) = await apiA.SignedInUserAsync();
        using (var accepted = await apiA.PostJsonAsync("/api/v1/auth/forgot_password", new { email }))
        {
            await ApiClient.ExpectAsync(accepted, HttpStatusCode.Accepted);
        }

        await nodeA.DisposeAsync();
        await using var nodeB = new AuthApiFactory(dataDirectory: nodeA.DataDirectory);
        using var apiB = nodeB.CreateApiClient();
        var tfa = new TfaSupport(nodeB, apiB);

        var first = await nodeB.Services.GetRequiredService<Infrastructure.Accounts.AccountRequestWorker>().DrainAsync(CancellationToken.None);
        var again = await nodeB.Services.GetRequiredService<Infrastructure.Accounts.AccountRequestWorker>().DrainAsync(CancellationToken.None);

        Assert.That((first, again), Is.EqualTo((1, 0)));
        Assert.That((await tfa.MailToAsync(email)).Count(m => m.Subject == "Reset your password"), Is.EqualTo(1));
    }

    [Test]
    public async Task ARequestClaimedByANodeThatDied_WaitsForItsLease_ThenAnotherNodeSendsIt()
    {
        await using var node = new AuthApiFactory();
        using var api = node.CreateApiClient();
        var tfa = new TfaSupport(node, api);
        var (email, _) = await api.SignedInUserAsync();
        using (var accepted = await api.PostJsonAsync("/api/v1/auth/forgot_password", new { email }))
        {
            await ApiClient.ExpectAsync(accepted, HttpStatusCode.Accepted);
        }

        // Another node claimed it (a lease of a minute) and died before committing anything.
        using (var scope = node.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            var claimedUntil = node.Clock.GetUtcNow().AddMinutes(1);
            await db.AccountRequests.ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedUntil, claimedUntil));
        }

        var worker = node.Services.GetRequiredService<Infrastructure.Accounts.AccountRequestWorker>();
        var whileHeld = await worker.DrainAsync(CancellationToken.None);
        node.Clock.Advance(TimeSpan.FromMinutes(2));
        var afterTheLease = await worker.DrainAsync(CancellationToken.None);

        Assert.That((whileHeld, afterTheLease), Is.EqualTo((0, 1)));
        Assert.That((await tfa.MailToAsync(email)).Count(m => m.Subject == "Reset your password"), Is.EqualTo(1));
    }
}
