using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions.RevokeSession;

public sealed record RevokeSessionCommand(CurrentSession Caller, Guid SessionId) : IRequest<Result<Success>>;

public sealed class RevokeSessionCommandHandler(IAuthDbContext db, AuditTrail audit, TimeProvider time)
    : IRequestHandler<RevokeSessionCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(RevokeSessionCommand request, CancellationToken cancellationToken)
    {
        // Another user's session answers exactly like a missing one.
        var session = await db.Sessions.SingleOrDefaultAsync(
            s => s.Id == request.SessionId && s.UserId == request.Caller.UserId && s.RevokedAt == null, cancellationToken);
        if (session is null)
        {
            return SessionErrors.NotFound;
        }

        session.Revoke(SessionRevocationReason.RevokedByUser, time.GetUtcNow());
        audit.Success(AuditEventTypes.SessionRevoked, session.UserId, "revoked_by_user");
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
