using System.Text.Json.Nodes;
using Auth.WebApi.Authentication;
using Auth.WebApi.Controllers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.WebApi.OpenApi;

/// <summary>
/// Each operation says who may call it: no security on anonymous operations (sign-up, login), the schemes its
/// authorization accepts on the others (an access token, the pre-TFA token, or an API key), an operationId a client
/// generator can name its method after (<c>Controller_Action</c>), and the content types the API really sends:
/// <c>application/json</c> (and a PNG where asked); errors are described by <see cref="DocumentTransformer"/>.
/// </summary>
public sealed class OperationTransformer(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var action = context.Description.ActionDescriptor;
        if (action is ControllerActionDescriptor controller)
        {
            operation.OperationId ??= $"{controller.ControllerName}_{controller.ActionName}";
        }

        SpeakTheContentTypes(operation);
        if (operation.OperationId is { } answersPng && PngAnswers.TryGetValue(answersPng, out var pngStatus)
            && operation.Responses?.GetValueOrDefault(pngStatus) is OpenApiResponse { Content: { } pngContent })
        {
            pngContent["image/png"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
        }

        if (operation.OperationId is { } id && Examples.TryGetValue(id, out var example)
            && operation.RequestBody is OpenApiRequestBody { Content: { } body } && body.TryGetValue("application/json", out var json))
        {
            json.Example = JsonNode.Parse(example);
        }
        var metadata = action.EndpointMetadata;
        if (metadata.OfType<NextPageLinkAttribute>().Any() && operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
        {
            ok.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            ok.Headers["Link"] = new OpenApiHeader
            {
                Description = "The next page, when there is one: `<…&cursor=…>; rel=\"next\"` (RFC 8288), to request as it is.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }

        operation.Description = Describe(operation.Description, metadata);
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            // Said outright (an empty requirement): anyone may call it.
            operation.Security = [new OpenApiSecurityRequirement()];
            return;
        }

        var schemes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var authorize in metadata.OfType<IAuthorizeData>())
        {
            foreach (var scheme in (authorize.AuthenticationSchemes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                schemes.Add(scheme);
            }

            if (authorize.Policy is { } name && await policies.GetPolicyAsync(name) is { } policy)
            {
                schemes.UnionWith(policy.AuthenticationSchemes);
            }
        }

        if (schemes.Count == 0)
        {
            schemes.Add(AuthSchemes.AccessToken);
        }

        operation.Security ??= [];
        if (schemes.Contains(AuthSchemes.AccessToken) || schemes.Contains(AuthSchemes.ByPath))
        {
            operation.Security.Add(Requirement(DocumentTransformer.Bearer, context.Document));
            operation.Security.Add(Requirement(DocumentTransformer.PasswordFlow, context.Document));
        }

        if (schemes.Contains(AuthSchemes.PreTfa))
        {
            operation.Security.Add(Requirement(DocumentTransformer.PreTfaBearer, context.Document));
        }

        if (schemes.Contains(AuthSchemes.ApiKey))
        {
            operation.Security.Add(Requirement(DocumentTransformer.ApiKey, context.Document));
        }
    }

    /// <summary>
    /// Answers that can be the QR code of an authenticator-app enrollment, as its bytes: sign-up and enable_tfa when the
    /// client's Accept prefers <c>image/png</c> (JSON otherwise), get_my_qrcode always (the generator would describe
    /// MVC's FileContentResult object).
    /// </summary>
    private static readonly Dictionary<string, string> PngAnswers = new(StringComparer.Ordinal)
    {
        ["Auth_Signup"] = "201",
        ["Tfa_EnableTfa"] = "200",
        ["Tfa_GetMyQrCode"] = "200",
    };

    /// <summary>
    /// A request body for every operation that takes one. Sign-up, login, forgot password and resend work as they are
    /// in Swagger UI's "Try it out" (sign up first, then log in); the others show the shape with values to replace
    /// (a code from the app, a token from an email or an earlier answer).
    /// </summary>
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["Auth_Signup"] = """{"email": "ada@example.com", "password": "correct horse battery staple", "full_name": "Ada Lovelace"}""",
        ["SignInApi_LoginWithJson"] = """{"email": "ada@example.com", "password": "correct horse battery staple"}""",
        ["Auth_ForgotPassword"] = """{"email": "ada@example.com"}""",
        ["Auth_ResendVerification"] = """{"email": "ada@example.com"}""",
        ["Auth_Refresh"] = """{"refresh_token": "the refresh_token of the last token answer"}""",
        ["Auth_ChangePassword"] = """{"current_password": "correct horse battery staple", "new_password": "a longer passphrase than before"}""",
        ["Auth_ResetPassword"] = """{"token": "the token from the emailed link", "new_password": "a longer passphrase than before"}""",
        ["Auth_VerifyEmail"] = """{"token": "the token from the emailed link"}""",
        ["Auth_DeclineSignup"] = """{"token": "the token from the emailed link"}""",
        ["Auth_BindFactor"] = """{"token": "the token from the emailed link"}""",
        ["Auth_UnlockSecondFactor"] = """{"token": "the token from the emailed link"}""",
        ["SignInApi_LoginTfa"] = """{"tfa_token": "123456", "remember_device": false}""",
        ["SignInApi_RecoverTfa"] = """{"tfa_backup_token": "one of the backup tokens", "remember_device": false}""",
        ["Tfa_EnableTfa"] = """{"device_type": "code_generator"}""",
        ["Tfa_ConfirmTfa"] = """{"tfa_token": "123456"}""",
        ["Tfa_DisableTfa"] = """{"password": "correct horse battery staple", "tfa_token": "123456"}""",
        ["Tfa_RegenerateBackupTokens"] = """{"tfa_token": "123456"}""",
        ["Admin_ResetTfa"] = """{"reason": "Lost phone; identity checked by the service desk (ticket 4711)"}""",
        ["Admin_SetRoles"] = """{"roles": ["admin"]}""",
        ["Admin_CreateApiKey"] = """{"name": "nightly user export", "scopes": ["users:read"]}""",
        ["Admin_CreateClient"] = """{"client_id": "payroll", "client_type": "confidential", "display_name": "Payroll", "redirect_uris": ["https://payroll.example.com/signin-oidc"], "post_logout_redirect_uris": ["https://payroll.example.com/signout-callback-oidc"]}""",
    };

    private static void SpeakTheContentTypes(OpenApiOperation operation)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse { Content: { Count: > 0 } content })
            {
                continue;
            }

            if (status[0] is not ('4' or '5'))
            {
                // MVC's formatters advertise text/plain and text/json too; the API sends JSON only (and a PNG, below).
                foreach (var alias in content.Keys.Where(k => k is "text/plain" or "text/json" or "application/*+json").ToList())
                {
                    content.Remove(alias);
                }
            }
        }

        if (operation.RequestBody is OpenApiRequestBody { Content: { } body })
        {
            foreach (var alias in body.Keys.Where(k => k is "text/json" or "application/*+json").ToList())
            {
                body.Remove(alias);
            }
        }
    }

    /// <summary>
    /// The description: the remarks of the action, if any, then what a caller must know beyond the summary: who may call
    /// it, and the per-IP limit that answers 429.
    /// </summary>
    private static string Describe(string? remarks, IList<object> metadata)
    {
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(remarks))
        {
            lines.Add(remarks.Trim());
        }

        lines.Add(metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any()
            ? "Anyone may call it: no token."
            : "Needs the credential its security lists; without it 401 `auth.unauthorized`, with one that does not allow it 403.");
        if (metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().FirstOrDefault()?.PolicyName is { } policy)
        {
            lines.Add($"Limited per client IP (the `{policy}` policy, RateLimiting settings): past the limit, 429 `rate_limited` with Retry-After.");
        }

        lines.Add("Errors are problem details (application/problem+json) whose `code` is stable.");
        return string.Join("\n\n", lines);
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
