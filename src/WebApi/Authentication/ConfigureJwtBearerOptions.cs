using Auth.Application.Common.Interfaces;
using Auth.Infrastructure.Security.Tokens;
using Auth.WebApi.ErrorHandling;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.WebApi.Authentication;

/// <summary>
/// Stock JwtBearer for both token kinds, validating exactly as a relying app would (see <see cref="AccessTokenValidation"/>),
/// plus, for access tokens, one in-memory check that the session is not revoked. Failures answer with problem details;
/// a valid pre-TFA token on an ordinary endpoint gets 403 <c>auth.tfa_required</c>, as in the reference service.
/// </summary>
public sealed class ConfigureJwtBearerOptions(
    IOptions<JwtOptions> jwt,
    SigningKeyRing keys,
    TimeProvider time,
    IRevokedSessionCache revokedSessions) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(AuthSchemes.AccessToken, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MapInboundClaims = false;
        if (name == AuthSchemes.PreTfa)
        {
            options.TokenValidationParameters = AccessTokenValidation.CreateForPreTfa(jwt.Value, keys, time);
            options.Events = new JwtBearerEvents
            {
                OnChallenge = context => ChallengeAsync(context, "This endpoint needs the pre-TFA token that login returned with 202."),
                OnForbidden = context => ForbiddenAsync(context.HttpContext),
            };
            return;
        }

        options.TokenValidationParameters = AccessTokenValidation.Create(jwt.Value, keys, time);
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var sid = context.Principal?.FindFirst(JwtRegisteredClaimNames.Sid)?.Value;
                if (!Guid.TryParse(sid, out var sessionId) || revokedSessions.Contains(sessionId))
                {
                    context.Fail("The session has been revoked.");
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                if (await IsValidPreTfaTokenAsync(context.HttpContext))
                {
                    context.HandleResponse();
                    await WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "auth.tfa_required",
                        "Two-factor authentication required.", "Complete the login at /api/v1/tfa/login_tfa before using this endpoint.");
                    return;
                }

                await ChallengeAsync(context, "This endpoint needs a bearer access token.");
            },
            OnForbidden = context => ForbiddenAsync(context.HttpContext),
        };
    }

    /// <summary>A valid pre-TFA token where an access token belongs: read back by the one pre-TFA reader, as the pages read theirs.</summary>
    private static async Task<bool> IsValidPreTfaTokenAsync(HttpContext http)
    {
        const string prefix = "Bearer ";
        var authorization = http.Request.Headers.Authorization.ToString();
        return authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && await http.RequestServices.GetRequiredService<IPreTfaTokenIssuer>().ReadAsync(authorization[prefix.Length..].Trim()) is not null;
    }

    private static async Task ChallengeAsync(JwtBearerChallengeContext context, string missingDetail)
    {
        context.HandleResponse();
        var withToken = context.AuthenticateFailure is not null;
        context.Response.Headers.WWWAuthenticate = withToken ? "Bearer error=\"invalid_token\"" : "Bearer";
        await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized,
            "Authentication required.", withToken ? "The token is invalid, expired or revoked." : missingDetail);
    }

    private static Task ForbiddenAsync(HttpContext http) =>
        WriteProblemAsync(http, StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden.", "The token does not allow this request.");

    private static async Task WriteProblemAsync(HttpContext http, int status, string code, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
