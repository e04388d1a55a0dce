using Auth.Application.Common.Interfaces;
using Auth.Infrastructure.Security.Tokens;
using Auth.WebApi.ErrorHandling;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.WebApi.Authentication;

/// <summary>
/// Stock JwtBearer, validating exactly as a relying app would (see <see cref="AccessTokenValidation"/>), plus one
/// in-memory check that the token's session has not been revoked. Failures answer with problem details.
/// </summary>
public sealed class ConfigureJwtBearerOptions(
    IOptions<JwtOptions> jwt,
    SigningKeyRing keys,
    TimeProvider time,
    IRevokedSessionCache revokedSessions) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options) => Configure(options);

    public void Configure(JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MapInboundClaims = false;
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
                context.HandleResponse();
                var withToken = context.AuthenticateFailure is not null;
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = withToken ? "Bearer error=\"invalid_token\"" : "Bearer";
                await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized,
                    "Authentication required.", withToken
                        ? "The access token is invalid, expired or revoked."
                        : "This endpoint needs a bearer access token.");
            },
            OnForbidden = context => WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
                "Forbidden.", "The access token does not allow this request."),
        };
    }

    private static async Task WriteProblemAsync(HttpContext http, int status, string code, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
