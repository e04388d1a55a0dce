using System.Security.Claims;
using Auth.Application.Auth.Common;
using Auth.Application.Common.Models;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.WebApi.Http;

public static class HttpContextExtensions
{
    public static ClientContext ToClientContext(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new ClientContext(
            string.IsNullOrWhiteSpace(userAgent) ? null : userAgent,
            context.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>The caller's user and session ids, as the validated access token states them.</summary>
    public static CurrentSession ToCurrentSession(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), out var userId)
            && Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sid), out var sessionId))
        {
            return new CurrentSession(userId, sessionId);
        }

        throw new InvalidOperationException("An authenticated principal must carry 'sub' and 'sid' claims.");
    }
}
