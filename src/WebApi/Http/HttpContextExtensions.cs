using System.Security.Claims;
using Auth.Application.Common.Models;
using Auth.Application.Sessions;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.WebApi.Http;

public static class HttpContextExtensions
{
    /// <summary>True when the client asks for a PNG (as the reference service's clients do for QR codes).</summary>
    public static bool AcceptsPng(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("image/png", StringComparison.OrdinalIgnoreCase));
    }

    public static CallerContext ToCallerContext(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new CallerContext(
            string.IsNullOrWhiteSpace(userAgent) ? null : userAgent,
            context.Connection.RemoteIpAddress?.ToString(),
            context.User.FindFirst(Authentication.AppTokenClaims.ClientId)?.Value);
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

    /// <summary>Who acts: the signed-in user's id, or an API key's id.</summary>
    public static Guid ToActorId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), out var id)
            ? id
            : throw new InvalidOperationException("An authenticated principal must carry a 'sub' claim.");
    }

    /// <summary>The user and TFA challenge named by a validated pre-TFA token (<c>sub</c>, <c>cid</c>).</summary>
    public static (Guid UserId, Guid ChallengeId) ToPreTfaCaller(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (Guid.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), out var userId)
            && Guid.TryParse(principal.FindFirstValue(Auth.Infrastructure.Security.Tokens.JwtPreTfaTokenIssuer.ChallengeIdClaim), out var challengeId))
        {
            return (userId, challengeId);
        }

        throw new InvalidOperationException("A pre-TFA principal must carry 'sub' and 'cid' claims.");
    }
}
