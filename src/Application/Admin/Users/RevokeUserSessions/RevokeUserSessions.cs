using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.RevokeUserSessions;

/// <summary>Signs a user out everywhere.</summary>
public sealed record RevokeUserSessionsCommand(Guid? ActorId, Guid UserId) : IRequest<Result<Success>>;

public sealed class RevokeUserSessionsCommandHandler(IAuthDbContext db, SessionRevoker sessions, AuditTrail audit)
    : IRequestHandler<RevokeUserSessionsCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(RevokeUserSessionsCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var revoked = await sessions.SignOutAsync(user, SessionRevocationReason.RevokedByAdmin, keepSessionId: null, cancellationToken);
        audit.Success(AuditEventTypes.SessionsRevokedByAdmin, request.UserId, $"sessions:{revoked}", request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
