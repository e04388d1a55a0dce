using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.Logout;

public sealed class LogoutCommandHandler(IAuthDbContext db, IRevokedSessionCache revokedSessions, AuditTrail audit, TimeProvider time)
    : IRequestHandler<LogoutCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(LogoutCommand request, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(
            s => s.Id == request.Caller.SessionId && s.UserId == request.Caller.UserId, cancellationToken);
        if (session is null)
        {
            return SessionErrors.NotFound;
        }

        var now = time.GetUtcNow();
        session.Revoke(SessionRevocationReason.Logout, now);
        audit.Success(AuditEventTypes.SessionRevoked, session.UserId, "logout");
        await db.SaveChangesAsync(cancellationToken);
        revokedSessions.Add(session.Id, now);
        return Success.Instance;
    }
}
