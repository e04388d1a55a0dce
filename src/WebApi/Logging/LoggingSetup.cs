using Serilog;
using Serilog.Events;

namespace Auth.WebApi.Logging;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog with structured console output, written asynchronously. Framework categories that print full request URLs (and so query
    /// strings, where clients may put codes) stay at Warning; the request log records the path only.
    /// </summary>
    public static IServiceCollection AddStructuredLogging(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSerilog((provider, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)

            // OpenIddict logs every request's parameters at Information, PKCE's code_verifier unredacted among them.
            .MinimumLevel.Override("OpenIddict", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(provider)
            .Enrich.FromLogContext()
            .WriteTo.Async(
                sink => sink.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"),
                bufferSize: ConsoleBufferSize));

    /// <summary>
    /// Console output is formatted and written on a background thread: a request never waits for the terminal or a
    /// slow log collector. If the collector falls this many events behind, newer events are dropped, not queued.
    /// </summary>
    private const int ConsoleBufferSize = 10_000;

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.IncludeQueryInRequestPath = false;
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";

            // Load balancer probes and metric scrapes come every few seconds from every balancer and scraper: at Debug, so
            // the log shows traffic, not polling (a failed probe is still an error).
            options.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : IsPolling(http.Request.Path) ? LogEventLevel.Debug
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("ClientIp", http.Connection.RemoteIpAddress?.ToString());
                if (http.Request.QueryString.HasValue)
                {
                    // Parameter names only: values can be one-time codes or tokens.
                    diagnostics.Set("QueryKeys", string.Join(',', http.Request.Query.Keys));
                }
            };
        });

    private static bool IsPolling(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
