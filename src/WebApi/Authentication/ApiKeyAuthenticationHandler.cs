using System.Security.Claims;
using System.Text.Encodings.Web;
using Auth.Application.Admin.ApiKeys;
using Auth.WebApi.ErrorHandling;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.WebApi.Authentication;

/// <summary>
/// <c>X-API-Key</c>: a service client authenticates as itself (<c>sub</c> = the key's id) with the key's scopes, never roles.
/// A revoked, expired or unknown key is a 401. Accepted only where a policy names this scheme (the admin API).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-API-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await authenticator.AuthenticateAsync(presented, Context.RequestAborted);
        if (identity is null)
        {
            return AuthenticateResult.Fail("The API key is invalid, revoked or expired.");
        }

        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, identity.Id.ToString()),
            new("client_name", identity.Name),
            new("auth_type", "api_key"),
        };
        claims.AddRange(identity.Scopes.Select(scope => new Claim(ApiKeyClaims.Scope, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, JwtRegisteredClaimNames.Sub, "roles"));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    // With two schemes on a policy both are challenged; the first to answer wins.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Response.HasStarted ? Task.CompletedTask : WriteAsync(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "The API key is invalid, revoked or expired.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Response.HasStarted ? Task.CompletedTask : WriteAsync(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "The API key does not allow this request.");

    private async Task WriteAsync(int status, string code, string detail)
    {
        Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = status == 401 ? "Authentication required." : "Forbidden.", Detail = detail };
        problem.Extensions["code"] = code;
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem });
    }
}
