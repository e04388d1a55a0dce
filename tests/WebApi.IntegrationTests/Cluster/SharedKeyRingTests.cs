using System.Net;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.IntegrationTests.OpenIdConnect;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Cluster;

/// <summary>
/// The Data Protection key ring behind page cookies and antiforgery tokens lives in the database, so a browser signed
/// in through one node is signed in on every node; each key is stored sealed, never in plaintext.
/// </summary>
public sealed class SharedKeyRingTests
{
    [Test]
    public async Task ABrowserSignedInOnOneNode_IsSignedInOnAnother_AndTheStoredKeysAreSealed()
    {
        await using var nodeA = new AuthApiFactory();
        using var apiA = nodeA.CreateApiClient();
        var flowA = new OidcFlow(nodeA, new TfaSupport(nodeA, apiA));
        var (browser, _) = await flowA.SignedInBrowserAsync();

        // Node B shares the database (the same data directory) but starts with nothing of node A's in memory.
        await using var nodeB = new AuthApiFactory(dataDirectory: nodeA.DataDirectory);
        using var onB = await browser.GetAsync(new Uri(nodeB.BaseAddress, "/account"));

        Assert.That(onB.StatusCode, Is.EqualTo(HttpStatusCode.OK), "node B reads node A's session cookie");
        Assert.That(await onB.Content.ReadAsStringAsync(), Does.Contain("id=\"sessions\""));
        using var scope = nodeA.Services.CreateScope();
        var keys = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.That(keys, Is.Not.Empty);
        Assert.That(keys, Has.All.Contain("<sealedKey").And.All.Not.Contain("<masterKey"));
        browser.Dispose();
    }
}
