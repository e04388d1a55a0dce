using System.Net;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Retention;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace Auth.WebApi.IntegrationTests.OpenIdConnect;

/// <summary>The provider writes a row per code and token; the retention job removes them once they can no longer be used.</summary>
public sealed class ProviderRetentionTests : FreshServiceTests
{
    [Test]
    public async Task SpentAndExpiredProviderTokens_ArePruned_ButTheClientStays()
    {
        var oidc = new OidcFlow(Factory, Tfa);
        var (email, _) = await Api.SignedInUserAsync();
        var client = await oidc.RegisterAsync();
        using var browser = new FormBrowser();
        using (await oidc.SignInAsync(browser, email))
        {
        }

        var tokens = await oidc.TokensForAsync(browser, client);
        using (var rotated = await oidc.RefreshAsync(client, (string)tokens["refresh_token"]!))
        {
            Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var before = await CountAsync();
        Factory.Clock.Advance(TimeSpan.FromDays(60));
        var pruned = await Factory.Services.GetRequiredService<RetentionJob>().RunOnceAsync(CancellationToken.None);

        Assert.That(before.Tokens, Is.GreaterThan(0));
        Assert.That(pruned, Is.GreaterThanOrEqualTo(before.Tokens));
        Assert.That((await CountAsync()).Tokens, Is.Zero);
        Assert.That((await CountAsync()).Clients, Is.EqualTo(before.Clients));
    }

    private async Task<(int Tokens, int Clients)> CountAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return (await db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync(), await db.Set<OpenIddictEntityFrameworkCoreApplication>().CountAsync());
    }
}
