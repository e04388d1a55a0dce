using System.Diagnostics;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>
/// A developer generates a client from the live <c>/openapi/v1.json</c> and uses it: a C# client with Kiota (the repo's
/// dotnet tool; tests/GeneratedClient/RoundTrip.cs), and TypeScript types with openapi-typescript (npm; tests/tools/
/// typescript-client/roundtrip.ts). Each signs up, logs in, refreshes, turns on an authenticator app, reads
/// <c>/auth/me</c> and the sessions with nothing but generated code.
/// </summary>
public sealed class GeneratedClientTests
{
    [Test]
    public async Task AKiotaClientGeneratedFromTheLiveDocument_SignsUpLogsInRefreshesEnablesTfaAndListsSessions()
    {
        // The service's own clock: the client computes its authenticator code from the real time.
        await using var factory = new AuthApiFactory(fakeClock: false);
        using var api = factory.CreateApiClient();
        var repository = RepositoryRoot();
        var project = Path.Combine(repository, "tests", "GeneratedClient");
        var generated = Path.Combine(project, "Generated");
        var document = Path.Combine(Path.GetTempPath(), $"auth-openapi-{Guid.NewGuid():N}.json");
        using (var response = await api.GetAsync("/openapi/v1.json"))
        {
            await File.WriteAllTextAsync(document, await response.Content.ReadAsStringAsync());
        }

        try
        {
            if (Directory.Exists(generated))
            {
                Directory.Delete(generated, recursive: true);
            }

            await RunAsync(repository, "dotnet", "kiota", "generate", "--openapi", document, "--language", "CSharp", "--output", generated,
                "--namespace-name", "Auth.Client", "--class-name", "AuthClient", "--exclude-backward-compatible", "--log-level", "Error");
            await RunAsync(repository, "dotnet", "build", project, "--nologo", "-v", "q");
            var output = await RunAsync(repository, "dotnet", Path.Combine(project, "bin", "Debug", "net10.0", "Auth.GeneratedClient.dll"), factory.BaseAddress.ToString());

            Assert.That(output, Does.Contain("round trip ok"));
        }
        finally
        {
            File.Delete(document);
        }
    }

    /// <summary>
    /// The same round trip in TypeScript: types generated from the live document with openapi-typescript, calls made
    /// with openapi-fetch; tests/tools/typescript-client/roundtrip.ts compiles under strict TypeScript without a cast.
    /// </summary>
    [Test]
    public async Task TypeScriptTypesGeneratedFromTheLiveDocument_CompileStrictly_AndTheRoundTripWorks()
    {
        await using var factory = new AuthApiFactory(fakeClock: false);
        var repository = RepositoryRoot();
        var tools = Path.Combine(repository, "tests", "tools");
        var client = Path.Combine(tools, "typescript-client");
        var bin = Path.Combine(tools, "node_modules", ".bin");

        await RunAsync(client, Path.Combine(bin, "openapi-typescript"), new Uri(factory.BaseAddress, "/openapi/v1.json").ToString(),
            "--output", Path.Combine("generated", "schema.d.ts"));
        await RunAsync(client, Path.Combine(bin, "tsc"), "--project", ".");
        var output = await RunAsync(client, "node", Path.Combine("build", "roundtrip.js"), factory.BaseAddress.ToString());

        Assert.That(output, Does.Contain("round trip ok"));
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Auth.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Auth.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs a tool to its end; fails the test with its output unless it exits with 0.</summary>
    public static async Task<string> RunAsync(string workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"{program} {string.Join(' ', arguments)}:\n{await output}\n{await errors}");
        return await output;
    }
}
