using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Auth.WebApi.Http;

/// <summary>
/// <c>dotnet /opt/auth/Auth.WebApi.dll</c> from any directory reads <c>/opt/auth/appsettings*.json</c>: when the content
/// root (the working directory) has no <c>appsettings.json</c>, the settings files are read from beside the binary
/// instead, in the same place among the sources, so environment variables and arguments still override them.
/// </summary>
public static class AppSettingsBesideTheBinary
{
    public static void Use(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var binary = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json"))
            || !File.Exists(Path.Combine(binary, "appsettings.json")))
        {
            return;
        }

        IConfigurationBuilder configuration = builder.Configuration;
        var sources = configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json && path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = path,
                    Optional = json.Optional,
                    ReloadOnChange = false,
                    FileProvider = new PhysicalFileProvider(binary),
                };
            }
        }
    }
}
