using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.WebApi.OpenApi;

/// <summary>
/// Declares how to authenticate, so Swagger UI's "Authorize" button works: paste a bearer token, or sign in with
/// the OAuth2 password form against the login endpoint (as the reference service's docs do).
/// </summary>
public sealed class SecuritySchemesTransformer : IOpenApiDocumentTransformer
{
    public const string Bearer = "Bearer";
    public const string PasswordFlow = "OAuth2Password";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
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
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(PasswordFlow, document)] = [] });
        return Task.CompletedTask;
    }
}
