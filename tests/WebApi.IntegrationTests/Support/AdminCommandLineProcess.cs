using System.Diagnostics;

namespace Auth.WebApi.IntegrationTests.Support;

public sealed record CommandLineResult(int ExitCode, string Output, string Errors);

/// <summary>Runs the service binary's <c>admin</c> command as an operator would: a real process on the factory's database and mail folder.</summary>
public static class AdminCommandLineProcess
{
    public static async Task<CommandLineResult> RunAsync(AuthApiFactory factory, string? standardInput, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var workDir = Path.Combine(factory.DataDirectory, "cli");
        Directory.CreateDirectory(workDir);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Auth.WebApi.dll"), "admin", .. arguments])
        {
            WorkingDirectory = workDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = factory.Database.Provider;
        start.Environment["ConnectionStrings__Auth"] = factory.Database.ConnectionString;
        start.Environment["Email__PickupDirectory"] = Path.Combine(factory.DataDirectory, "mail");

        // The same key ring as the service: the command writes outbox bodies the service must be able to read.
        start.Environment["Tfa__DevelopmentKeyDirectory"] = Path.Combine(factory.DataDirectory, "tfa-keys");
        start.Environment["Jwt__DevelopmentKeyDirectory"] = AuthApiFactory.SharedSigningKeyDirectory.Value;
        using var process = Process.Start(start)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteLineAsync(standardInput);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandLineResult(process.ExitCode, await output, await errors);
    }
}
