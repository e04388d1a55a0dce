using System.Net;
using System.Text.Json.Nodes;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace Auth.WebApi.IntegrationTests.Admin;

/// <summary>Registering OpenID Connect clients: the admin API and the command line.</summary>
public sealed class ClientAdministrationTests : SharedServiceTests
{
    [Test]
    public async Task AConfidentialClient_GetsItsSecretOnce_StoredHashed_WhichWorks_UntilTheClientIsDeleted()
    {
        var admin = await Tfa.AdminTokenAsync();
        var clientId = $"svc-{Guid.NewGuid():N}"[..12];

        var created = await CreateAsync(admin, new
        {
            client_id = clientId,
            display_name = "Nightly sync",
            client_type = "confidential",
            grant_types = new[] { "client_credentials" },
            scopes = new[] { "roles" },
        }, HttpStatusCode.Created);
        var secret = (string)created["client_secret"]!;
        using var list = await Api.GetAsync("/api/v1/admin/clients", admin);
        var listed = await list.Content.ReadAsStringAsync();
        using var token = await ClientCredentialsAsync(clientId, secret);

        Assert.That(secret, Has.Length.GreaterThanOrEqualTo(43));
        Assert.That((string?)created["client"]!["client_id"], Is.EqualTo(clientId));
        Assert.That(listed, Does.Contain(clientId).And.Not.Contain(secret));
        Assert.That(await StoredSecretAsync(clientId), Is.Not.Null.And.Not.Contain(secret));
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using (var deleted = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/admin/clients/{clientId}", null, admin))
        {
            await ApiClient.ExpectAsync(deleted, HttpStatusCode.NoContent);
        }

        using var again = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/admin/clients/{clientId}", null, admin);
        using var afterDelete = await ClientCredentialsAsync(clientId, secret);
        var problem = await ApiClient.ReadProblemAsync(again, HttpStatusCode.NotFound);
        Assert.That((string?)problem["code"], Is.EqualTo("client.not_found"));
        Assert.That(afterDelete.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task ClientRegistration_IsForAdministratorsOnly()
    {
        var (_, user) = await Api.SignedInUserAsync();

        using var response = await Api.PostJsonAsync("/api/v1/admin/clients", new { client_id = "mine", client_type = "public" }, user.AccessToken);

        await ApiClient.ExpectAsync(response, HttpStatusCode.Forbidden);
    }

    [TestCase("http://app.example/callback", "redirect_uris.invalid")]
    [TestCase("https://app.example/callback#fragment", "redirect_uris.invalid")]
    [TestCase("https://user:pass@app.example/callback", "redirect_uris.invalid")]
    public async Task UnsafeRedirectUris_AreRefused(string redirect, string code)
    {
        var admin = await Tfa.AdminTokenAsync();

        var problem = await CreateAsync(admin, new { client_id = $"c-{Guid.NewGuid():N}"[..10], client_type = "public", redirect_uris = new[] { redirect } },
            HttpStatusCode.BadRequest);

        Assert.That(problem.ToJsonString(), Does.Contain(code));
    }

    [Test]
    public async Task APublicClient_CannotUseClientCredentials_AndClientIdsAreUnique()
    {
        var admin = await Tfa.AdminTokenAsync();
        var clientId = $"spa-{Guid.NewGuid():N}"[..12];
        var spa = new { client_id = clientId, client_type = "public", redirect_uris = new[] { "https://spa.example/callback" } };

        var refused = await CreateAsync(admin, new { client_id = clientId, client_type = "public", grant_types = new[] { "client_credentials" } },
            HttpStatusCode.BadRequest);
        await CreateAsync(admin, spa, HttpStatusCode.Created);
        var duplicate = await CreateAsync(admin, spa, HttpStatusCode.Conflict);

        Assert.That(refused.ToJsonString(), Does.Contain("grant_types.public_client_credentials"));
        Assert.That((string?)duplicate["code"], Is.EqualTo("client.already_exists"));
    }

    [Test]
    public async Task TheCommandLine_CreatesListsAndDeletesClients()
    {
        var clientId = $"cli-{Guid.NewGuid():N}"[..12];

        var created = await AdminCommandLineProcess.RunAsync(Factory, null, "client", "create", "--id", clientId, "--type", "confidential",
            "--redirect-uris", "https://hr.example/signin-oidc", "--post-logout-uris", "https://hr.example/signout-callback-oidc",
            "--name", "HR portal", "--first-party");
        var listed = await AdminCommandLineProcess.RunAsync(Factory, null, "client", "list");
        var deleted = await AdminCommandLineProcess.RunAsync(Factory, null, "client", "delete", "--id", clientId);
        var missing = await AdminCommandLineProcess.RunAsync(Factory, null, "client", "delete", "--id", clientId);

        Assert.That(created.ExitCode, Is.EqualTo(0), created.Errors);
        Assert.That(created.Output, Does.Contain($"Created client {clientId} (confidential).").And.Contain("client_secret: "));
        Assert.That(listed.Output, Does.Contain(clientId).And.Contain("first-party").And.Contain("https://hr.example/signin-oidc"));
        Assert.That(listed.Output, Does.Not.Contain("client_secret"));
        Assert.That(deleted.ExitCode, Is.EqualTo(0), deleted.Errors);
        Assert.That(missing.ExitCode, Is.EqualTo(1));
        Assert.That(missing.Errors, Does.Contain("No client has this client_id."));
    }

    private async Task<JsonObject> CreateAsync(string admin, object body, HttpStatusCode expected)
    {
        using var response = await Api.PostJsonAsync("/api/v1/admin/clients", body, admin);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<HttpResponseMessage> ClientCredentialsAsync(string clientId, string secret) =>
        await Api.Http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));

    private async Task<string?> StoredSecretAsync(string clientId)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return await db.Set<OpenIddictEntityFrameworkCoreApplication>().Where(a => a.ClientId == clientId).Select(a => a.ClientSecret).SingleAsync();
    }
}
