using System.Text.Json;
using Auth.Infrastructure.Security.Tokens;
using Auth.WebApi.Http;
using Auth.WebApi.Logging;
using Auth.WebApi.OpenIdConnect;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Auth.WebApi;

public static class WebApplicationExtensions
{
    /// <summary>The HTTP pipeline: errors as problem details, request log, no caching of API answers, auth, endpoints.</summary>
    public static WebApplication UseWebApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();

        // The pages' stylesheet; only its folder is looked up, so API requests cost no file-system probe.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase),
            assets => assets.UseStaticFiles());

        // Before the rest: a shed sign-in costs no logging, routing, binding or database work.
        app.UseHashingLoadShedding();

        // Outermost after the client address is known, so the request log records the status the client finally got.
        app.UseRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (Pages.ErrorPages.Wants(http))
            {
                await Pages.ErrorPages.WriteAsync(http, http.Response.StatusCode);
                return;
            }

            await http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>().TryWriteAsync(
                new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = http.Response.StatusCode } });
        });
        app.UseManagementPort();
        app.WarnWhenTheIssuerIsElsewhere();
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseCors();
        app.UseRateLimiter();
        app.UseOpenIdConnectProvider();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Swagger UI looks at every request's path with a regular expression; it is asked only under its own.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase), docs => docs.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.SwaggerEndpoint("/openapi/v1.json", "Auth API v1");
            options.DocumentTitle = "Auth API";
        }));

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();

        // Prometheus scrapes what the service counts (sign-ins, failures, refusals, replays, requests); no address or id.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().ExcludeFromDescription();

        var wellKnown = app.Services.GetRequiredService<WellKnownDocuments>();
        app.MapGet(WellKnownDocuments.JwksPath, context => wellKnown.Jwks.WriteAsync(context))
            .AllowAnonymous().WithName("Jwks")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(JsonWebKeySetDocument), ["application/json"]));

        // The root leads somewhere useful: the account page (which asks a browser without a session to sign in).
        app.MapGet("/", () => Results.Redirect(Pages.PageController.DefaultLandingPath)).AllowAnonymous().ExcludeFromDescription();

        Pages.Branding.MapBranding(app);
        app.MapControllers();
        return app;
    }

    /// <summary>
    /// In Development, one line at start when the service listens on a port <c>Jwt:Issuer</c> does not name: emailed
    /// links, discovery and passkeys follow the issuer, so they would point at another address.
    /// </summary>
    public static WebApplication WarnWhenTheIssuerIsElsewhere(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            return app;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var issuer = new Uri(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JwtOptions>>().Value.CanonicalIssuer);
            var addresses = ServerAddresses(app);
            if (addresses.Count > 0 && !addresses.Any(a => a.Port == issuer.Port))
            {
                app.Logger.LogWarning(
                    "Jwt:Issuer is {Issuer} but the service listens on {Addresses}: emailed links, discovery and passkeys use the issuer. Set Jwt:Issuer to the address browsers use",
                    issuer, string.Join(", ", addresses));
            }
        });
        return app;
    }

    private static List<Uri> ServerAddresses(WebApplication app) =>
        (app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [])
        .Select(a => Uri.TryCreate(a.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
        .OfType<Uri>()
        .ToList();

    /// <summary>
    /// With <c>Management:Port</c> set, health and metrics answer only on that port, and nothing else does: the port a
    /// load balancer and Prometheus reach stays off the public address. The server must listen on it too (list it in
    /// <c>ASPNETCORE_URLS</c> or the Kestrel endpoints); the service refuses to start when it does not.
    /// </summary>
    public static WebApplication UseManagementPort(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<int?>("Management:Port") is not { } port)
        {
            return app;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = ServerAddresses(app);
            if (!addresses.Any(a => a.Port == port))
            {
                app.Logger.LogCritical("Management:Port {Port} is not among the addresses the server listens on ({Addresses}); stopping", port, string.Join(", ", addresses));
                Environment.ExitCode = 1;
                app.Lifetime.StopApplication();
            }
        });
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            var operational = path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
            if (operational != (context.Connection.LocalPort == port))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }));
    }
}
