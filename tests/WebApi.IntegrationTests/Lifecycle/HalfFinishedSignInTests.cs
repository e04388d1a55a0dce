using System.Net;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Lifecycle;

/// <summary>
/// No half-finished sign-in survives a state change: every change that ends a user's sessions also closes their open
/// two-factor challenges, so a pre-TFA token taken before it completes nothing after it.
/// </summary>
public sealed class HalfFinishedSignInTests : SharedServiceTests
{
    public enum StateChange
    {
        DisabledByAdmin,
        SessionsRevokedByAdmin,
        TfaResetByAdmin,
        PasswordChanged,
        PasswordReset,
        TfaDisabled,
    }

    private async Task ChangeAsync(StateChange change, TfaUser user)
    {
        HttpResponseMessage response;
        switch (change)
        {
            case StateChange.DisabledByAdmin or StateChange.SessionsRevokedByAdmin or StateChange.TfaResetByAdmin:
            {
                var admin = await Tfa.AdminTokenAsync();
                var id = await UserIdAsync(user.Email, admin);
                var path = change switch
                {
                    StateChange.DisabledByAdmin => "disable",
                    StateChange.SessionsRevokedByAdmin => "revoke_sessions",
                    _ => "reset_tfa",
                };
                response = await Api.PostJsonAsync($"/api/v1/admin/users/{id}/{path}", new { reason = "test" }, admin);
                break;
            }

            case StateChange.PasswordChanged:
                response = await Api.PostJsonAsync("/api/v1/auth/change_password",
                    new { current_password = TestPasswords.Strong, new_password = TestPasswords.Other }, (await Tfa.FullLoginAsync(user)).AccessToken);
                break;
            case StateChange.PasswordReset:
                using (await Api.PostJsonAsync("/api/v1/auth/forgot_password", new { email = user.Email }))
                {
                }

                response = await Api.PostJsonAsync("/api/v1/auth/reset_password",
                    new { token = await Tfa.LinkTokenAsync(user.Email, "Reset your password"), new_password = TestPasswords.Other });
                break;
            default:
                var session = await Tfa.FullLoginAsync(user);
                Factory.Clock.Advance(TimeSpan.FromSeconds(30));
                response = await Api.PostJsonAsync("/api/v1/tfa/disable_tfa",
                    new { password = TestPasswords.Strong, tfa_token = Tfa.CodeFor(user.Secret!) }, session.AccessToken);
                break;
        }

        using (response)
        {
            await ApiClient.ExpectAsync(response, HttpStatusCode.NoContent);
        }
    }

    private async Task<Guid> UserIdAsync(string email, string admin)
    {
        using var list = await Api.GetAsync($"/api/v1/admin/users?query={Uri.EscapeDataString(email)}", admin);
        var page = System.Text.Json.Nodes.JsonNode.Parse(await list.Content.ReadAsStringAsync())!;
        return Guid.Parse((string)page["items"]![0]!["id"]!);
    }

    [TestCaseSource(nameof(AllChanges))]
    public async Task APreTfaToken_TakenBeforeAStateChange_CompletesNothingAfterIt(StateChange change)
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pending, _) = await Tfa.PasswordStepAsync(user.Email);

        await ChangeAsync(change, user);

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using (var code = await Tfa.LoginTfaAsync(pending, Tfa.CodeFor(user.Secret!)))
        {
            var problem = await ApiClient.ReadProblemAsync(code, HttpStatusCode.Unauthorized);
            Assert.That((string?)problem["code"], Is.EqualTo("tfa.challenge_closed"));
        }

        using var backup = await Tfa.RecoverAsync(pending, user.BackupTokens[0]);
        await ApiClient.ReadProblemAsync(backup, HttpStatusCode.Unauthorized);
    }

    private static IEnumerable<StateChange> AllChanges() => Enum.GetValues<StateChange>();

    [Test]
    public async Task ASignInHalfFinishedBeforeADisable_DoesNotComeBack_WhenTheAccountIsEnabledAgain()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pending, _) = await Tfa.PasswordStepAsync(user.Email);
        var admin = await Tfa.AdminTokenAsync();
        var id = await UserIdAsync(user.Email, admin);

        using (var disable = await Api.PostJsonAsync($"/api/v1/admin/users/{id}/disable", new { }, admin))
        {
            await ApiClient.ExpectAsync(disable, HttpStatusCode.NoContent);
        }

        using (var whileDisabled = await Tfa.LoginTfaAsync(pending, Tfa.CodeFor(user.Secret!)))
        {
            await ApiClient.ExpectAsync(whileDisabled, HttpStatusCode.Unauthorized);
        }

        using (var enable = await Api.PostJsonAsync($"/api/v1/admin/users/{id}/enable", new { }, admin))
        {
            await ApiClient.ExpectAsync(enable, HttpStatusCode.NoContent);
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using var afterEnable = await Tfa.LoginTfaAsync(pending, Tfa.CodeFor(user.Secret!));
        await ApiClient.ExpectAsync(afterEnable, HttpStatusCode.Unauthorized);
    }
}
