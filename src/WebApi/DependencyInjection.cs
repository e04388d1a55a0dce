using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Infrastructure.Persistence;
using Auth.WebApi.Authentication;
using Auth.WebApi.ErrorHandling;
using Auth.WebApi.Logging;
using Auth.WebApi.OpenApi;
using Auth.WebApi.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Auth.WebApi;

public static class DependencyInjection
{
    public const int DefaultMaxRequestBodyBytes = 64 * 1024;

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStructuredLogging(configuration);

        // Test mode: the clock becomes movable and delivered email keeps its body for the mailbox endpoint.
        services.AddOptions<Testing.TestingOptions>().Bind(configuration.GetSection(Testing.TestingOptions.SectionName));
        services.AddSingleton(_ => new Testing.TestingClock(TimeProvider.System));
        services.AddSingleton<TimeProvider>(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Testing.TestingOptions>>().Value.Enabled
                ? sp.GetRequiredService<Testing.TestingClock>()
                : TimeProvider.System);
        services.AddOptions<Auth.Infrastructure.Email.EmailOptions>()
            .PostConfigure<Microsoft.Extensions.Options.IOptions<Testing.TestingOptions>>((email, testing) =>
                email.KeepDeliveredBodies |= testing.Value.Enabled);

        services.AddControllers(options => options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true)
            .AddJsonOptions(options =>
            {
                options.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
                options.JsonSerializerOptions.DictionaryKeyPolicy = null;
                options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            })
            .ConfigureApiBehaviorOptions(options =>
                options.InvalidModelStateResponseFactory = context =>
                    new BadRequestObjectResult(ValidationProblems.FromModelState(context.HttpContext, context.ModelState))
                    {
                        ContentTypes = { "application/problem+json" },
                    });

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.TryAdd("code", ProblemCodes.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode));
            problem.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<GlobalExceptionHandler>();

        services.AddOptions<KestrelServerOptions>().Configure<IConfiguration>((options, config) =>
        {
            options.Limits.MaxRequestBodySize = config.GetValue<long?>("Http:MaxRequestBodyBytes") ?? DefaultMaxRequestBodyBytes;
            options.AddServerHeader = false;
        });

        services.AddClientRateLimiting(configuration);

        // Browsers may call the API only from origins listed in Cors:AllowedOrigins (none by default).
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IConfiguration>((cors, config) =>
            cors.AddDefaultPolicy(policy =>
            {
                var origins = config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
                if (origins.Length > 0)
                {
                    policy.WithOrigins(origins).AllowAnyHeader().WithMethods("GET", "POST", "PUT", "DELETE")
                        .WithExposedHeaders("Retry-After", "WWW-Authenticate");
                }
            }));
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
            hsts.ExcludedHosts.Clear();
        });
        services.AddHttpContextAccessor();
        services.AddScoped<Auth.Application.Common.Interfaces.IRequestContext, Http.HttpRequestContext>();
        services.AddAuthentication(AuthSchemes.AccessToken)
            .AddJwtBearer(AuthSchemes.AccessToken)
            .AddJwtBearer(AuthSchemes.PreTfa)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);
        services.ConfigureOptions<ConfigureJwtBearerOptions>();
        services.AddAuthorization(authorization =>
            authorization.AddPolicy(AuthPolicies.Admin, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.AccessToken, AuthSchemes.ApiKey)
                .RequireAuthenticatedUser()
                .RequireRole(Auth.Domain.Users.Roles.Admin)));

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddOpenApi(options => options.AddDocumentTransformer<SecuritySchemesTransformer>());
        return services;
    }
}
