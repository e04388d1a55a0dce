using System.Globalization;
using System.Net;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Lifecycle;

/// <summary>
/// Guessing second factors is limited for good: a password reset (which clears the login name's throttle) does not
/// clear the user's second-factor counter; at its limit second-factor sign-in stops, the user is emailed, and only an
/// administrator's unlock, the owner's unlock link from that email (or, before that, a completed sign-in) clears it.
/// </summary>
public sealed class SecondFactorLockTests : SharedServiceTests
{
    private const int Limit = 6;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Tfa:SecondFactorFailureLimit"] = Limit.ToString(CultureInfo.InvariantCulture),
    };

    private async Task GuessWrongAsync(string preTfaToken, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var wrong = await Tfa.RecoverAsync(preTfaToken, "aaaa-bbbb-cccc");
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Forbidden);
        }
    }

    private async Task ResetPasswordAsync(string email, string newPassword)
    {
        using (await Api.PostJsonAsync("/api/v1/auth/forgot_password", new { email }))
        {
        }

        using var reset = await Api.PostJsonAsync("/api/v1/auth/reset_password",
            new { token = await Tfa.LinkTokenAsync(email, "Reset your password"), new_password = newPassword });
        await ApiClient.ExpectAsync(reset, HttpStatusCode.NoContent);
    }

    [Test]
    public async Task APasswordReset_DoesNotBuyMoreGuesses_TheLimitLocksSecondFactors_UntilAnAdministratorUnlocks()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (first, _) = await Tfa.PasswordStepAsync(user.Email);
        await GuessWrongAsync(first, 5);

        await ResetPasswordAsync(user.Email, TestPasswords.Other);
        using (var login = await Api.LoginAsync(user.Email, TestPasswords.Other))
        {
            await ApiClient.ExpectAsync(login, HttpStatusCode.Accepted);
        }

        var (second, _) = await Tfa.PasswordStepAsync(user.Email, TestPasswords.Other);
        await GuessWrongAsync(second, Limit - 5);

        using (var rightCode = await Tfa.LoginTfaAsync(second, Tfa.CodeFor(user.Secret!)))
        {
            var problem = await ApiClient.ReadProblemAsync(rightCode, HttpStatusCode.Forbidden);
            Assert.That((string?)problem["code"], Is.EqualTo("tfa.second_factor_locked"));
        }

        using (var rightBackupToken = await Tfa.RecoverAsync(second, user.BackupTokens[0]))
        {
            await ApiClient.ReadProblemAsync(rightBackupToken, HttpStatusCode.Forbidden);
        }

        Assert.That((await Tfa.MailToAsync(user.Email)).Count(m => m.Subject == "Two-factor sign-in is locked"), Is.EqualTo(1));

        var admin = await Tfa.AdminTokenAsync();
        using (var list = await Api.GetAsync($"/api/v1/admin/users?query={Uri.EscapeDataString(user.Email)}", admin))
        {
            var id = (string)System.Text.Json.Nodes.JsonNode.Parse(await list.Content.ReadAsStringAsync())!["items"]![0]!["id"]!;
            using var unlock = await Api.PostJsonAsync($"/api/v1/admin/users/{id}/unlock", new { }, admin);
            await ApiClient.ExpectAsync(unlock, HttpStatusCode.NoContent);
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var (third, _) = await Tfa.PasswordStepAsync(user.Email, TestPasswords.Other);
        using var unlocked = await Tfa.LoginTfaAsync(third, Tfa.CodeFor(user.Secret!));
        await ApiClient.ExpectAsync(unlocked, HttpStatusCode.OK);
    }

    [Test]
    public async Task TheOwner_LiftsTheLock_WithTheLinkInTheLockEmail_Once()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (first, _) = await Tfa.PasswordStepAsync(user.Email);
        await GuessWrongAsync(first, 5);

        // As the lock email says, the owner changes the password first (a reset leaves the lock on).
        await ResetPasswordAsync(user.Email, TestPasswords.Other);
        var (second, _) = await Tfa.PasswordStepAsync(user.Email, TestPasswords.Other);
        await GuessWrongAsync(second, Limit - 5);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using (var refused = await Tfa.LoginTfaAsync(second, Tfa.CodeFor(user.Secret!)))
        {
            Assert.That((string?)(await ApiClient.ReadProblemAsync(refused, HttpStatusCode.Forbidden))["code"], Is.EqualTo("tfa.second_factor_locked"));
        }

        var token = await Tfa.LinkTokenAsync(user.Email, "Two-factor sign-in is locked");
        using (var unlock = await Api.PostJsonAsync("/api/v1/auth/unlock_second_factor", new { token }))
        {
            await ApiClient.ExpectAsync(unlock, HttpStatusCode.NoContent);
        }

        using (var again = await Api.PostJsonAsync("/api/v1/auth/unlock_second_factor", new { token }))
        {
            Assert.That((string?)(await ApiClient.ReadProblemAsync(again, HttpStatusCode.BadRequest))["code"], Is.EqualTo("auth.unlock_token_invalid"));
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var (unlocked, _) = await Tfa.PasswordStepAsync(user.Email, TestPasswords.Other);
        using var signedIn = await Tfa.LoginTfaAsync(unlocked, Tfa.CodeFor(user.Secret!));
        await ApiClient.ExpectAsync(signedIn, HttpStatusCode.OK);
    }

    [Test]
    public async Task ACompletedSignIn_ClearsTheCount()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (first, _) = await Tfa.PasswordStepAsync(user.Email);
        await GuessWrongAsync(first, 4);
        using (var ok = await Tfa.LoginTfaAsync(first, Tfa.CodeFor(user.Secret!)))
        {
            await ApiClient.ExpectAsync(ok, HttpStatusCode.OK);
        }

        var (second, _) = await Tfa.PasswordStepAsync(user.Email);
        await GuessWrongAsync(second, 4);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using var stillOk = await Tfa.LoginTfaAsync(second, Tfa.CodeFor(user.Secret!));
        await ApiClient.ExpectAsync(stillOk, HttpStatusCode.OK);
    }
}
