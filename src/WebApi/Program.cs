using Auth.Application;
using Auth.Infrastructure;
using Auth.Infrastructure.Persistence;
using Auth.WebApi;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
WebApplication app;
try
{
    builder.Services
        .AddWebApi(builder.Configuration)
        .AddApplication(builder.Configuration)
        .AddInfrastructure(builder.Configuration, builder.Environment);
    app = builder.Build();
    app.Services.ValidateStartupConfiguration();
}
catch (Exception ex) when (ex is ConfigurationException or OptionsValidationException)
{
    await Console.Error.WriteLineAsync($"Auth cannot start: {ex.Message}");
    return 1;
}

await app.Services.InitializeDatabaseAsync();
app.UseWebApi();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so integration tests can host it.</summary>
public partial class Program;
