using System.Net;
using System.Text.Json.Nodes;
using Auth.Domain.Passkeys;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Lifecycle;

/// <summary>
/// Account pre-hijacking (Sudhodanan and Paverd, 2022): an attacker registers the victim's address first and sets up
/// a second factor. The first proof of the mailbox (the verification link or a reset link) removes everything set up
/// without that proof, and the verification email's "This wasn't me" removes the account.
/// </summary>
public sealed class AccountPreHijackingTests : SharedServiceTests
{
    [Test]
    public async Task TheOwnersPasswordReset_OnANeverVerifiedAccount_RemovesTheRegistrantsFactor_AndSessions_AndVerifiesIt()
    {
        // Verification is not required here (as in Development), so the attacker could even confirm a factor.
        var attacker = await Tfa.SignupAsync("code_generator", bind: false);
        var attackerSession = await Tfa.FullLoginAsync(attacker);
        await StoreAttackersPasskeyAsync(attacker.Email);

        using (await Api.PostJsonAsync("/api/v1/auth/forgot_password", new { email = attacker.Email }))
        {
        }

        using (var reset = await Api.PostJsonAsync("/api/v1/auth/reset_password",
                   new { token = await Tfa.LinkTokenAsync(attacker.Email, "Reset your password"), new_password = TestPasswords.Other }))
        {
            await ApiClient.ExpectAsync(reset, HttpStatusCode.NoContent);
        }

        using (var refresh = await Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = attackerSession.RefreshToken }))
        {
            await ApiClient.ExpectAsync(refresh, HttpStatusCode.Unauthorized);
        }

        using var owner = await Api.LoginAsync(attacker.Email, TestPasswords.Other);
        var tokens = await ApiClient.ReadAsync<Tokens>(owner, HttpStatusCode.OK);
        using var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        var profile = JsonNode.Parse(await me.Content.ReadAsStringAsync())!;
        Assert.That((bool)profile["tfa_enabled"]!, Is.False, "the registrant's authenticator is gone");
        Assert.That((bool)profile["email_verified"]!, Is.True);
        using var backup = await Api.GetAsync("/api/v1/tfa/backup_tokens", tokens.AccessToken);
        Assert.That((int)JsonNode.Parse(await backup.Content.ReadAsStringAsync())!["remaining"]!, Is.Zero);
        using var passkeys = await Api.GetAsync("/api/v1/auth/passkeys", tokens.AccessToken);
        Assert.That(JsonNode.Parse(await passkeys.Content.ReadAsStringAsync())!.AsArray(), Is.Empty, "the registrant's passkey is gone");
    }

    [Test]
    public async Task TheOwnersVerificationLink_OnANeverVerifiedAccount_RemovesTheRegistrantsFactors_AndEndsTheirSessions()
    {
        var attacker = await Tfa.SignupAsync("code_generator", bind: false);
        var attackerSession = await Tfa.FullLoginAsync(attacker);
        await StoreAttackersPasskeyAsync(attacker.Email);

        await Tfa.VerifyEmailAsync(attacker.Email);

        using (var refresh = await Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = attackerSession.RefreshToken }))
        {
            await ApiClient.ExpectAsync(refresh, HttpStatusCode.Unauthorized);
        }

        using (var stale = await Api.GetAsync("/api/v1/auth/me", attackerSession.AccessToken))
        {
            await ApiClient.ExpectAsync(stale, HttpStatusCode.Unauthorized);
        }

        // The password still opens the account (the owner resets it); what the registrant set up is gone.
        var tokens = await Api.LoginTokensAsync(attacker.Email);
        using var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        var profile = JsonNode.Parse(await me.Content.ReadAsStringAsync())!;
        Assert.That((bool)profile["tfa_enabled"]!, Is.False, "the registrant's authenticator is gone");
        Assert.That((bool)profile["email_verified"]!, Is.True);
        using var passkeys = await Api.GetAsync("/api/v1/auth/passkeys", tokens.AccessToken);
        Assert.That(JsonNode.Parse(await passkeys.Content.ReadAsStringAsync())!.AsArray(), Is.Empty, "the registrant's passkey is gone");
    }

    [Test]
    public async Task ThisWasntMe_RemovesTheNeverVerifiedAccount_AndItsSessions_Once()
    {
        var email = ApiClient.NewEmail("victim");
        using (var signup = await Api.SignupAsync(email))
        {
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        }

        var registrant = await Api.LoginTokensAsync(email);
        var token = await Tfa.VerificationTokenAsync(email);
        Assert.That((await Tfa.MailToAsync(email)).First().TextBody, Does.Contain("This wasn't me"));

        using (var declined = await Api.PostJsonAsync("/api/v1/auth/verify_email/decline", new { token }))
        {
            await ApiClient.ExpectAsync(declined, HttpStatusCode.NoContent);
        }

        using (var again = await Api.PostJsonAsync("/api/v1/auth/verify_email/decline", new { token }))
        {
            await ApiClient.ReadProblemAsync(again, HttpStatusCode.BadRequest);
        }

        using (var stale = await Api.GetAsync("/api/v1/auth/me", registrant.AccessToken))
        {
            await ApiClient.ExpectAsync(stale, HttpStatusCode.Unauthorized);
        }

        using (var refresh = await Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = registrant.RefreshToken }))
        {
            await ApiClient.ExpectAsync(refresh, HttpStatusCode.Unauthorized);
        }

        using (var login = await Api.LoginAsync(email))
        {
            await ApiClient.ExpectAsync(login, HttpStatusCode.Unauthorized);
        }

        // The address is free again: its owner can sign up.
        using var owner = await Api.SignupAsync(email, TestPasswords.Other);
        await ApiClient.ExpectAsync(owner, HttpStatusCode.Created);
    }

    [Test]
    public async Task AVerifiedAccount_IsNeverRemovedByThisWasntMe()
    {
        var email = ApiClient.NewEmail("owner");
        using (var signup = await Api.SignupAsync(email))
        {
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        }

        var token = await Tfa.VerificationTokenAsync(email);
        await Tfa.VerifyEmailAsync(email);

        using var declined = await Api.PostJsonAsync("/api/v1/auth/verify_email/decline", new { token });

        Assert.That((string?)(await ApiClient.ReadProblemAsync(declined, HttpStatusCode.BadRequest))["code"], Is.EqualTo("auth.verification_token_invalid"));
        using var login = await Api.LoginAsync(email);
        await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
    }

    /// <summary>A passkey the registrant added (stored directly: what matters is that the reset removes it).</summary>
    private async Task StoreAttackersPasskeyAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        db.Passkeys.Add(Passkey.Register(userId, Guid.NewGuid().ToByteArray(), [1, 2, 3], "Attacker's key", 0, null, true, true, true, Factory.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }
}
