using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Metrics;
using Auth.Infrastructure.Email;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.Authentication;
using Auth.WebApi.ErrorHandling;
using Auth.WebApi.Http;
using Auth.WebApi.Logging;
using Auth.WebApi.OpenApi;
using Auth.WebApi.OpenIdConnect;
using Auth.WebApi.Pages;
using Auth.WebApi.RateLimiting;
using Auth.WebApi.Testing;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Auth.WebApi;

/// <summary>The web layer's services. <see cref="AddWebApi"/> is the table of contents; each part has its own method.</summary>
public static class DependencyInjection
{
    public const int DefaultMaxRequestBodyBytes = 64 * 1024;

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration) => services
        .AddStructuredLogging(configuration)
        .AddTestMode(configuration)
        .AddApiControllers()
        .AddProblemDetailsForErrors()
        .AddRequestLimits()
        .AddClientRateLimiting(configuration)
        .AddCorsFromConfiguration()
        .AddHstsPolicy()
        .AddApiAuthentication()
        .AddBrowserSessions(configuration)
        .AddBranding(configuration)
        .AddOpenIdConnectProvider()
        .AddHealthAndApiDocuments()
        .AddMetrics(configuration);

    /// <summary>
    /// OpenTelemetry: the service's own meter (<see cref="AuthMetrics"/>) with ASP.NET Core's, Kestrel's and the rate
    /// limiter's, scraped at <c>/metrics</c> (Prometheus text). With <c>OpenTelemetry:Endpoint</c> set, metrics and traces
    /// (each request, its database commands on PostgreSQL, its password hash, each email sent) go there over OTLP.
    /// </summary>
    public static IServiceCollection AddMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        var endpoint = configuration["OpenTelemetry:Endpoint"] is { Length: > 0 } configured ? new Uri(configured) : null;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("auth"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AuthMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (endpoint is not null)
                {
                    metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
                }
            });
        if (endpoint is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(AuthMetrics.MeterName, "Microsoft.AspNetCore", "Npgsql")
                .AddOtlpExporter(otlp => otlp.Endpoint = endpoint));
        }

        return services;
    }

    /// <summary>Test mode (<c>Testing:Enabled</c>): the clock becomes movable and delivered email keeps its body for the mailbox endpoint.</summary>
    public static IServiceCollection AddTestMode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TestingOptions>().Bind(configuration.GetSection(TestingOptions.SectionName));
        services.AddSingleton(_ => new TestingClock(TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp =>
            sp.GetRequiredService<IOptions<TestingOptions>>().Value.Enabled ? sp.GetRequiredService<TestingClock>() : TimeProvider.System);
        services.AddOptions<EmailOptions>().PostConfigure<IOptions<TestingOptions>>((email, testing) =>
            email.KeepDeliveredBodies |= testing.Value.Enabled);
        return services;
    }

    /// <summary>MVC controllers speaking snake_case JSON; a malformed body is a 400 problem document.</summary>
    public static IServiceCollection AddApiControllers(this IServiceCollection services)
    {
        services.AddControllersWithViews(options => options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true)
            .AddJsonOptions(options => SpeakTheWire(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options =>
                options.InvalidModelStateResponseFactory = context =>
                    new BadRequestObjectResult(ValidationProblems.FromModelState(context))
                    {
                        ContentTypes = { "application/problem+json" },
                    });
        // The OpenAPI document describes types with the minimal-API options: the same ones, so it shows the wire.
        services.ConfigureHttpJsonOptions(options => SpeakTheWire(options.SerializerOptions));
        services.AddHttpContextAccessor();
        services.AddScoped<IRequestContext, HttpRequestContext>();
        return services;
    }

    /// <summary>
    /// snake_case names, enums as snake_case strings (never integers), numbers as numbers (the web defaults also read
    /// "42", and the document would then type every number as integer-or-string), dictionary keys as they are.
    /// </summary>
    private static void SpeakTheWire(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    /// <summary>RFC 9457 problem details with a stable <c>code</c> for every error, and never an exception's text.</summary>
    public static IServiceCollection AddProblemDetailsForErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.TryAdd("code", ProblemCodes.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode));
            problem.Extensions.Remove("exception");

            // ASP.NET Core's default writer names it by the JSON naming policy (trace_id); MVC's keeps traceId. One name.
            if (problem.Extensions.Remove("trace_id", out var traceId))
            {
                problem.Extensions["traceId"] = traceId;
            }
        });
        services.AddExceptionHandler<GlobalExceptionHandler>();
        return services;
    }

    /// <summary>A small request body limit (<c>Http:MaxRequestBodyBytes</c>) and no Server header.</summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((options, config) =>
        {
            options.Limits.MaxRequestBodySize = config.GetValue<long?>("Http:MaxRequestBodyBytes") ?? DefaultMaxRequestBodyBytes;
            options.AddServerHeader = false;
        });
        return services;
    }

    /// <summary>Browsers may call the API only from origins listed in <c>Cors:AllowedOrigins</c> (none by default).</summary>
    public static IServiceCollection AddCorsFromConfiguration(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IConfiguration>((cors, config) =>
            cors.AddDefaultPolicy(policy =>
            {
                var origins = config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
                if (origins.Length > 0)
                {
                    policy.WithOrigins(origins).AllowAnyHeader().WithMethods("GET", "POST", "PUT", "DELETE")
                        .WithExposedHeaders("Retry-After", "WWW-Authenticate");
                }
            }));
        return services;
    }

    /// <summary>HSTS for a year, subdomains included (sent in Production only; see <c>UseWebApi</c>).</summary>
    public static IServiceCollection AddHstsPolicy(this IServiceCollection services) =>
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
            hsts.ExcludedHosts.Clear();
        });

    /// <summary>Access tokens, pre-TFA tokens and API keys; the admin API's policies (see <see cref="AuthPolicies"/>).</summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(AuthSchemes.ByPath)
            .AddPolicyScheme(AuthSchemes.ByPath, null, options => options.ForwardDefaultSelector = context =>
                Http.SecurityHeaders.IsPage(context.Request.Path) ? BrowserSessions.Scheme : AuthSchemes.AccessToken)
            .AddJwtBearer(AuthSchemes.AccessToken)
            .AddJwtBearer(AuthSchemes.PreTfa)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);
        services.ConfigureOptions<ConfigureJwtBearerOptions>();
        services.AddAuthorization(authorization =>
        {
            authorization.AddPolicy(AuthPolicies.Administration, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.AccessToken, AuthSchemes.ApiKey)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => AuthPolicies.Allows(context.User, scope: null)));
            authorization.AddPolicy(AuthPolicies.AdminSession, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.AccessToken)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => AuthPolicies.IsAdministratorsOwnToken(context.User)));
            foreach (var scope in Auth.Domain.ApiKeys.ApiKeyScopes.All)
            {
                authorization.AddPolicy(scope, policy => policy
                    .AddAuthenticationSchemes(AuthSchemes.AccessToken, AuthSchemes.ApiKey)
                    .RequireAuthenticatedUser()
                    .RequireAssertion(context => AuthPolicies.Allows(context.User, scope)));
            }
        });
        return services;
    }

    /// <summary>Liveness and readiness (the database) checks, and the OpenAPI document.</summary>
    public static IServiceCollection AddHealthAndApiDocuments(this IServiceCollection services)
    {
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .Add(new HealthCheckRegistration("accepting", sp => sp.GetRequiredService<ShutdownDrain>(), HealthStatus.Unhealthy, ["ready"]));
        services.AddSingleton<WellKnownDocuments>();
        services.AddSingleton<HashingLoadShedding>();
        services.AddOpenApi(options => options.AddDocumentTransformer<DocumentTransformer>().AddOperationTransformer<OperationTransformer>().AddSchemaTransformer<SchemaTransformer>());
        return services;
    }
}
