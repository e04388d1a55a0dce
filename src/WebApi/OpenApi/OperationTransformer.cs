using Auth.WebApi.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.WebApi.OpenApi;

/// <summary>
/// Each operation says who may call it: no security on anonymous operations (sign-up, login), the schemes its
/// authorization accepts on the others (an access token, the pre-TFA token, or an API key), and an operationId a client
/// generator can name its method after (<c>Controller_Action</c>).
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

        var metadata = action.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
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

        if (!metadata.OfType<IAuthorizeData>().Any())
        {
            return;
        }

        if (schemes.Count == 0)
        {
            schemes.Add(AuthSchemes.AccessToken);
        }

        operation.Security ??= [];
        if (schemes.Contains(AuthSchemes.AccessToken) || schemes.Contains(AuthSchemes.ByPath))
        {
            operation.Security.Add(Requirement(SecuritySchemesTransformer.Bearer, context.Document));
            operation.Security.Add(Requirement(SecuritySchemesTransformer.PasswordFlow, context.Document));
        }

        if (schemes.Contains(AuthSchemes.PreTfa))
        {
            operation.Security.Add(Requirement(SecuritySchemesTransformer.PreTfaBearer, context.Document));
        }

        if (schemes.Contains(AuthSchemes.ApiKey))
        {
            operation.Security.Add(Requirement(SecuritySchemesTransformer.ApiKey, context.Document));
        }
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
