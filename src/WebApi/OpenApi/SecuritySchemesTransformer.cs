using Auth.WebApi.Testing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Auth.WebApi.OpenApi;

/// <summary>
/// Declares how to authenticate, so Swagger UI's "Authorize" button works: paste a bearer token, or sign in with
/// the OAuth2 password form against the login endpoint (as the reference service's docs do); the pre-TFA token and
/// an API key are schemes of their own. Which operation takes which is said per operation (<see cref="OperationTransformer"/>).
/// Test-mode operations are listed only when test mode is on (they answer 404 otherwise).
/// </summary>
public sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer
{
    public const string Bearer = "Bearer";
    public const string PasswordFlow = "OAuth2Password";
    public const string PreTfaBearer = "PreTfa";
    public const string ApiKey = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/v1/auth/login.",
        };
        document.Components.SecuritySchemes[PasswordFlow] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Flows = new OpenApiOAuthFlows
            {
                Password = new OpenApiOAuthFlow { TokenUrl = new Uri("/api/v1/auth/login", UriKind.Relative) },
            },
        };
        document.Components.SecuritySchemes[PreTfaBearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The pre-TFA token a login answered with 202 (the second step of a two-step sign-in).",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "A service client's API key (admin API only), from POST /api/v1/admin/api_keys.",
        };

        if (!context.ApplicationServices.GetRequiredService<IOptions<TestingOptions>>().Value.Enabled)
        {
            foreach (var path in document.Paths.Keys.Where(p => p.StartsWith("/api/v1/testing", StringComparison.Ordinal)).ToList())
            {
                document.Paths.Remove(path);
            }
        }

        // Tags in a reader's order, each described; a tag no listed operation uses is left out.
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(TagOrder.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        return Task.CompletedTask;
    }

    private static readonly (string Name, string Description)[] TagOrder =
    [
        ("Auth", "Sign-up, sign-in, tokens, sessions, passwords, email verification, known devices and passkeys."),
        ("Tfa", "Two-step sign-in and the second factor: authenticator apps, emailed codes, backup tokens."),
        ("Users", "The reference service's user list."),
        ("Admin", "Administration with an administrator's token or an API key: users, roles, API keys, clients, audit, emails."),
        ("Tasks", "The delivery status of queued emails."),
        ("Testing", "Test mode only: the mailbox and the movable clock."),
    ];
}
