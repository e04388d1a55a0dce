using Auth.Application;
using Auth.Infrastructure;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Security;
using Auth.WebApi;
using Auth.WebApi.CommandLine;
using Microsoft.Extensions.Options;

if (args is ["--help"] or ["-h"] or ["-?"] or ["admin", "--help"])
{
    // Usage only: nothing is started, read or written.
    await Console.Out.WriteLineAsync(AdminCommandLine.ServiceUsage);
    await Console.Out.WriteLineAsync(AdminCommandLine.Usage);
    return 0;
}

var builder = WebApplication.CreateBuilder(args);

// Started from another directory, the settings files and the pages' stylesheet and scripts are still found: the
// appsettings files beside the binary are read when the working directory has none, and a build finds its assets
// through the static web assets manifest beside it (in every environment), a publish in its wwwroot.
Auth.WebApi.Http.AppSettingsBesideTheBinary.Use(builder);
builder.WebHost.UseStaticWebAssets();
try
{
    builder.Services
        .AddWebApi(builder.Configuration)
        .AddApplication(builder.Configuration)
        .AddInfrastructure(builder.Configuration, builder.Environment);

    await using var app = builder.Build();
    app.Services.ValidateStartupConfiguration();
    await app.Services.InitializeDatabaseAsync();
    await app.Services.CheckKeysAgainstDatabaseAsync();
    if (args is ["admin", .. var adminArgs])
    {
        // The same binary administers: `dotnet run --project src/WebApi -- admin create --email ...`.
        return await AdminCommandLine.RunAsync(app.Services, adminArgs, Console.In, Console.Out, Console.Error);
    }

    app.UseWebApi();
    await app.RunAsync();

    // Non-zero when the service stopped itself on a check made once it was listening (Management:Port).
    return Environment.ExitCode;
}
catch (Exception ex) when (ex is ConfigurationException or OptionsValidationException)
{
    // A misconfiguration is not a crash: one clear line, no stack trace, non-zero exit.
    await Console.Error.WriteLineAsync($"Auth cannot start: {ex.Message}");
    return 1;
}

/// <summary>The entry point; public so integration tests can host it.</summary>
public partial class Program;
