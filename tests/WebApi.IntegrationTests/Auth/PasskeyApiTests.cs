using System.Net;
using System.Text.Json.Nodes;
using Auth.Domain.Passkeys;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Auth;

/// <summary>
/// Users see and remove their passkeys through the JSON API too (adding one needs a browser: Browser/PasskeyTests).
/// The passkey here is stored directly: listing and removing do not depend on a real key.
/// </summary>
public sealed class PasskeyApiTests : SharedServiceTests
{
    [Test]
    public async Task APasskey_IsListed_AndRemovingIt_EndsMyOtherSessions()
    {
        var (email, tokens) = await Api.SignedInUserAsync();
        var other = await Api.LoginTokensAsync(email);
        var passkey = await StorePasskeyAsync(email);

        using (var listed = await Api.GetAsync("/api/v1/auth/passkeys", tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(listed, HttpStatusCode.OK);
            var item = JsonNode.Parse(await listed.Content.ReadAsStringAsync())!.AsArray().Single()!;
            Assert.That((string?)item["id"], Is.EqualTo(passkey.ToString()));
            Assert.That((string?)item["name"], Is.EqualTo("Phone"));
            Assert.That((bool)item["synced"]!, Is.True);
            Assert.That(item["last_used_at"], Is.Null, "never used");
        }

        using (var removed = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/auth/passkeys/{passkey}", null, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(removed, HttpStatusCode.NoContent);
        }

        using var otherSession = await Api.GetAsync("/api/v1/auth/me", other.AccessToken);
        Assert.That(otherSession.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var none = await Api.GetAsync("/api/v1/auth/passkeys", tokens.AccessToken);
        Assert.That(JsonNode.Parse(await none.Content.ReadAsStringAsync())!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task RemovingAPasskey_FromAnOldSignIn_Gets401WithTheStepUpChallenge_AndKeepsIt()
    {
        var (email, tokens) = await Api.SignedInUserAsync();
        var passkey = await StorePasskeyAsync(email);
        Factory.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        using var stale = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/auth/passkeys/{passkey}", null, tokens.AccessToken);

        var problem = await ApiClient.ReadProblemAsync(stale, HttpStatusCode.Unauthorized);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.reauthentication_required"));
        Assert.That(stale.Headers.WwwAuthenticate.Single().Parameter, Does.Contain("insufficient_user_authentication"));
        using var scope = Factory.Services.CreateScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<AuthDbContext>().Passkeys.AnyAsync(p => p.Id == passkey), Is.True);
    }

    [Test]
    public async Task AnotherUsersPasskey_IsNotFound()
    {
        var (owner, _) = await Api.SignedInUserAsync();
        var passkey = await StorePasskeyAsync(owner);
        var (_, tokens) = await Api.SignedInUserAsync();

        using var response = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/auth/passkeys/{passkey}", null, tokens.AccessToken);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That((string?)problem["code"], Is.EqualTo("passkey.not_found"));
    }

    private async Task<Guid> StorePasskeyAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var passkey = Passkey.Register(userId, Guid.NewGuid().ToByteArray(), [1, 2, 3], "Phone", 0, ["hybrid"], true, true, true, Factory.Clock.GetUtcNow());
        db.Passkeys.Add(passkey);
        await db.SaveChangesAsync();
        return passkey.Id;
    }
}
