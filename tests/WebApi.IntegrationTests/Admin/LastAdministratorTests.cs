using System.Net;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Admin;

/// <summary>The only enabled administrator can neither disable nor demote themselves: that would leave only the command line.</summary>
public sealed class LastAdministratorTests : FreshServiceTests
{
    private const string Password = "the-only-administrator-7";

    private async Task<(string Token, Guid Id)> AdministratorAsync()
    {
        var email = ApiClient.NewEmail("admin");
        var run = await AdminCommandLineProcess.RunAsync(Factory, Password, "create", "--email", email);
        Assert.That(run.ExitCode, Is.Zero, run.Errors);
        var token = (await Api.LoginTokensAsync(email, Password)).AccessToken;
        using var me = await Api.GetAsync("/api/v1/auth/me", token);
        return (token, (await ApiClient.ReadAsync<UserBody>(me, HttpStatusCode.OK)).Id);
    }

    [Test]
    public async Task TheLastAdministrator_CannotBeDisabledOrDemoted_UntilThereIsAnother()
    {
        var (token, id) = await AdministratorAsync();

        using var disable = await Api.PostJsonAsync($"/api/v1/admin/users/{id}/disable", new { }, token);
        using var demote = await Api.SendAsync(HttpMethod.Put, $"/api/v1/admin/users/{id}/roles", System.Net.Http.Json.JsonContent.Create(new { roles = new[] { "user" } }), token);

        Assert.That((string?)(await ApiClient.ReadProblemAsync(disable, HttpStatusCode.Conflict))["code"], Is.EqualTo("admin.last_administrator"));
        Assert.That((string?)(await ApiClient.ReadProblemAsync(demote, HttpStatusCode.Conflict))["code"], Is.EqualTo("admin.last_administrator"));
        using (var stillAdmin = await Api.GetAsync("/api/v1/admin/users", token))
        {
            await ApiClient.ExpectAsync(stillAdmin, HttpStatusCode.OK);
        }

        await AdministratorAsync();
        using var demotedNow = await Api.SendAsync(HttpMethod.Put, $"/api/v1/admin/users/{id}/roles", System.Net.Http.Json.JsonContent.Create(new { roles = new[] { "user" } }), token);
        await ApiClient.ExpectAsync(demotedNow, HttpStatusCode.OK);
    }
}
