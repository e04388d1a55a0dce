using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.ResetUserTfa;

/// <summary>
/// Removes every second factor of a user (lost phone, or a takeover being cleaned up): the authenticator or email
/// device, backup tokens and every passkey, since any of them may be the lost or planted one. They must enroll again;
/// sessions end; the user is told why.
/// </summary>
public sealed record ResetUserTfaCommand(Guid? ActorId, Guid UserId, string Reason) : IRequest<Result<Success>>;

public sealed class ResetUserTfaCommandHandler(
    IAuthDbContext db,
    TfaDeviceService devices,
    SessionRevoker sessions,
    Mailer mailer,
    AuditTrail audit) : IRequestHandler<ResetUserTfaCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ResetUserTfaCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        await devices.RemoveEveryFactorAsync(user.Id, cancellationToken);
        await sessions.SignOutAsync(user, SessionRevocationReason.RevokedByAdmin, keepSessionId: null, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.TfaResetByAdministrator(request.Reason));
        audit.Success(AuditEventTypes.TfaResetByAdmin, user.Id, AuditEvent.Encode(request.Reason, 64), request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
