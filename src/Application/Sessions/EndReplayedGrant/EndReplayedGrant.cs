using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Metrics;
using Auth.Application.Common.Models;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions.EndReplayedGrant;

/// <summary>What an app presented a second time at the provider's token endpoint.</summary>
public enum ReplayedGrant
{
    AuthorizationCode,
    RefreshToken,
}

/// <summary>
/// An app's authorization code or refresh token came back after it was spent (a copy is in someone else's hands, or two
/// refreshes raced): the provider revokes the token chain, and this ends the session it speaks for and records the
/// replay with the app's client id, as a reused refresh token does in the JSON API.
/// </summary>
public sealed record EndReplayedGrantCommand(CurrentSession Session, ReplayedGrant Grant, CallerContext Caller) : IRequest<Result<Success>>;

public sealed class EndReplayedGrantCommandHandler(IAuthDbContext db, AuditTrail audit, TimeProvider time)
    : IRequestHandler<EndReplayedGrantCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(EndReplayedGrantCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        audit.OnBehalfOf(request.Caller);
        AuthMetrics.GrantReplays.Add(1, new KeyValuePair<string, object?>("grant", request.Grant == ReplayedGrant.RefreshToken ? "oidc_refresh_token" : "oidc_code"));
        for (var attempt = 1; ; attempt++)
        {
            var session = await db.Sessions.SingleOrDefaultAsync(
                s => s.Id == request.Session.SessionId && s.UserId == request.Session.UserId, cancellationToken);
            session?.Revoke(SessionRevocationReason.RefreshTokenReuse, time.GetUtcNow());
            audit.Failure(
                request.Grant == ReplayedGrant.RefreshToken ? AuditEventTypes.RefreshTokenReuseDetected : AuditEventTypes.CodeReuseDetected,
                request.Session.UserId, "session_revoked");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return Success.Instance;
            }
            catch (DbUpdateConcurrencyException) when (attempt == 1)
            {
                // A parallel replay (or a refresh) changed the session first: read it again; revoking twice is a no-op.
                db.DiscardChanges();
            }
        }
    }
}
