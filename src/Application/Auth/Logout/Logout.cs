using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.Logout;

public sealed record LogoutCommand(CurrentSession Caller) : IRequest<Result<Success>>;

public sealed class LogoutCommandHandler(IAuthDbContext db, AuditTrail audit, TimeProvider time)
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

        session.Revoke(SessionRevocationReason.Logout, time.GetUtcNow());
        audit.Success(AuditEventTypes.SessionRevoked, session.UserId, "logout");
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
