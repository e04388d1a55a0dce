using System.Diagnostics;
using System.Net;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Cluster;

/// <summary>A node configured with another key under an id the database has seen refuses to start, with one clear line.</summary>
public sealed class KeyConsistencyTests
{
    [Test]
    public async Task ANodeWhoseTfaKeyDiffersFromTheOneTheDatabaseHasSeen_RefusesToStart()
    {
        await using var node = new AuthApiFactory();
        using var api = node.CreateApiClient();
        using (var live = await api.GetAsync("/health/live"))
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // A second node on the same database whose development TFA key (same id) was generated anew.
        var otherKeys = Path.Combine(node.DataDirectory, "other-node-tfa-keys");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Auth.WebApi.dll"), "admin", "client", "list"])
        {
            WorkingDirectory = node.DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = node.Database.Provider;
        start.Environment["ConnectionStrings__Auth"] = node.Database.ConnectionString;
        start.Environment["Jwt__DevelopmentKeyDirectory"] = AuthApiFactory.SharedSigningKeyDirectory.Value;
        start.Environment["Tfa__DevelopmentKeyDirectory"] = otherKeys;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(1), await output);
        Assert.That(errors.Trim(), Does.StartWith("Auth cannot start: Tfa:SecretKeys key '")
            .And.EndWith("every node must be configured with the same keys."));
        Assert.That(errors, Does.Not.Contain("   at "), "one line, no stack trace");
    }
}
