using Auth.Infrastructure.Security.Tokens;
using Auth.WebApi.Testing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Auth.WebApi.OpenApi;

/// <summary>
/// The document-wide parts. Problem details as the API writes them (with the stable <c>code</c>), and every operation's
/// other 4XX and 5XX answers documented as problem details, so a generated client throws a typed error for each.
/// Declares how to authenticate, so Swagger UI's "Authorize" button works: paste a bearer token, or sign in with
/// the OAuth2 password form against the login endpoint (as the reference service's docs do); the pre-TFA token and
/// an API key are schemes of their own. Which operation takes which is said per operation (<see cref="OperationTransformer"/>).
/// Test-mode operations are listed only when test mode is on (they answer 404 otherwise).
/// </summary>
public sealed class DocumentTransformer : IOpenApiDocumentTransformer
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
        document.Components.SecuritySchemes[Bearer] = JwtBearer("An access token from POST /api/v1/auth/login.");
        document.Components.SecuritySchemes[PasswordFlow] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Flows = new OpenApiOAuthFlows
            {
                Password = new OpenApiOAuthFlow { TokenUrl = new Uri("/api/v1/auth/login", UriKind.Relative) },
            },
        };
        document.Components.SecuritySchemes[PreTfaBearer] = JwtBearer("The pre-TFA token a login answered with 202 (the second step of a two-step sign-in).");
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

        DescribeProblems(document);
        RemoveUnusedSchemas(document);
        EnumsAsStrings(document);

        // One public address: the issuer's, whichever address the document was fetched at.
        var issuer = context.ApplicationServices.GetRequiredService<IOptions<JwtOptions>>().Value.CanonicalIssuer.TrimEnd('/');
        document.Servers = [new OpenApiServer { Url = issuer }];

        // Tags in a reader's order, each described; a tag no listed operation uses is left out.
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(TagOrder.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        return Task.CompletedTask;
    }

    private static OpenApiSecurityScheme JwtBearer(string description) =>
        new() { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT", Description = description };

    /// <summary>
    /// Drops component schemas no operation reaches: those only the hidden test-mode operations used, and MVC's file
    /// result types once a PNG answer is described as bytes.
    /// </summary>
    private static void RemoveUnusedSchemas(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas)
        {
            return;
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        void Walk(IOpenApiSchema? schema)
        {
            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is { } id && reached.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    Walk(target);
                }

                return;
            }

            if (schema is null)
            {
                return;
            }

            foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? [])
                .Append(schema.Items).Append(schema.AdditionalProperties))
            {
                Walk(child);
            }
        }

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in (operation.RequestBody?.Content?.Values ?? []).Concat(operation.Responses?.Values.SelectMany(r => r.Content?.Values ?? []) ?? []))
            {
                Walk(media.Schema);
            }

            foreach (var parameter in operation.Parameters ?? [])
            {
                Walk(parameter.Schema);
            }
        }

        foreach (var unused in schemas.Keys.Where(k => !reached.Contains(k) && k != "ProblemDetails").ToList())
        {
            schemas.Remove(unused);
        }
    }

    /// <summary>
    /// An enum is its strings: the generator lists <c>null</c> among the values when the first property it met was
    /// nullable, and gives no type. A nullable property says so itself (<c>oneOf [null, $ref]</c>).
    /// </summary>
    private static void EnumsAsStrings(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (schema.Enum is { Count: > 0 } values)
            {
                schema.Enum = values.Where(v => v is not null && v.GetValueKind() != System.Text.Json.JsonValueKind.Null).ToList();
                schema.Type = JsonSchemaType.String;
            }
        }
    }

    private static void DescribeProblems(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!schemas.TryGetValue("ProblemDetails", out var existing) || existing is not OpenApiSchema problem)
        {
            problem = new OpenApiSchema { Type = JsonSchemaType.Object };
            schemas["ProblemDetails"] = problem;
        }

        problem.Description = "RFC 9457 problem details; code is stable and the one to branch on. traceId (ASP.NET Core's name) finds the request in the logs.";
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, type) in new[] { ("type", JsonSchemaType.String), ("title", JsonSchemaType.String), ("detail", JsonSchemaType.String), ("instance", JsonSchemaType.String), ("status", JsonSchemaType.Integer), ("code", JsonSchemaType.String), ("traceId", JsonSchemaType.String) })
        {
            problem.Properties[name] = new OpenApiSchema { Type = type | (name is "code" or "status" or "title" or "traceId" ? 0 : JsonSchemaType.Null) };
        }

        problem.Required = new HashSet<string>(StringComparer.Ordinal) { "status", "title", "code", "traceId" };
        problem.Properties["errors"] = PerField("When fields were invalid (400 request.validation_failed, request.invalid_parameter, request.malformed_body): per field as sent, what was wrong.");
        problem.Properties["error_codes"] = PerField("With errors, for request.validation_failed: per field, the stable codes of what was wrong with it.");

        // One problem type for every error (MVC would publish its ValidationProblemDetails for some 400s): a client
        // catches one exception type and branches on code.
        var reference = new OpenApiSchemaReference("ProblemDetails", document);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            operation.Responses ??= [];
            foreach (var (status, response) in operation.Responses)
            {
                if (status[0] is '4' or '5' && response is OpenApiResponse { Content: { Count: > 0 } content })
                {
                    content.Clear();
                    content["application/problem+json"] = new OpenApiMediaType { Schema = reference };
                }
            }

            foreach (var range in new[] { "4XX", "5XX" })
            {
                operation.Responses.TryAdd(range, new OpenApiResponse
                {
                    Description = range == "4XX" ? "The request was refused (problem details)." : "The service could not answer (problem details).",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = reference },
                    },
                });
            }
        }
    }

    private static OpenApiSchema PerField(string description) => new()
    {
        Type = JsonSchemaType.Object,
        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        Description = description,
    };

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
