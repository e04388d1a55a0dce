using Auth.Application.Admin.ApiKeys;
using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.SetUserDisabled;

/// <summary>Disables (or enables) an account; disabling signs it out everywhere and revokes the API keys it created.</summary>
public sealed record SetUserDisabledCommand(Guid? ActorId, Guid UserId, bool Disabled) : IRequest<Result<Success>>;

public sealed class SetUserDisabledCommandHandler(
    IAuthDbContext db, SessionRevoker sessions, ApiKeyRevoker apiKeys, AuditTrail audit, TimeProvider time)
    : IRequestHandler<SetUserDisabledCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(SetUserDisabledCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        if (request.Disabled && await LastAdministrator.IsAsync(db, user, cancellationToken))
        {
            return UserErrors.LastAdministrator;
        }

        if (request.Disabled)
        {
            user.Disable(time.GetUtcNow());
            var revoked = await sessions.SignOutAsync(user, SessionRevocationReason.RevokedByAdmin, keepSessionId: null, cancellationToken);
            var keys = await apiKeys.RevokeCreatedByAsync(user.Id, cancellationToken);
            audit.Success(AuditEventTypes.UserDisabled, user.Id, $"sessions:{revoked},api_keys:{keys}", request.ActorId);
        }
        else
        {
            user.Enable();
            audit.Success(AuditEventTypes.UserEnabled, user.Id, actorId: request.ActorId);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
