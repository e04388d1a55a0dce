using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Application.SignIn.StepUp;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Passkeys;
using Auth.Domain.Sessions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Passkeys.RemovePasskey;

/// <summary>
/// Removes one of the caller's passkeys after a fresh authentication. A passkey is removed because its device was
/// lost or is no longer trusted, so every other session is signed out too (a session does not record which key
/// signed it in), remembered devices ask again, and open ceremonies die with the security stamp. Audited and emailed.
/// </summary>
public sealed record RemovePasskeyCommand(CurrentSession Caller, Guid PasskeyId, string? Password) : IRequest<Result<Success>>
{
    public override string ToString() => nameof(RemovePasskeyCommand);
}

public sealed class RemovePasskeyCommandHandler(
    IAuthDbContext db,
    Reauthentication reauthentication,
    SessionRevoker sessions,
    AuditTrail audit,
    Mailer mailer) : IRequestHandler<RemovePasskeyCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(RemovePasskeyCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.Caller.UserId, cancellationToken);
        var passkey = user is null ? null
            : await db.Passkeys.SingleOrDefaultAsync(p => p.Id == request.PasskeyId && p.UserId == user.Id, cancellationToken);
        if (user is null || passkey is null)
        {
            return PasskeyErrors.NotFound;
        }

        var fresh = await reauthentication.RequireAsync(user, request.Caller, request.Password, cancellationToken);
        if (!fresh.IsSuccess)
        {
            return fresh.Error!;
        }

        db.Passkeys.Remove(passkey);
        await sessions.SignOutAsync(user, SessionRevocationReason.PasskeyRemoved, keepSessionId: request.Caller.SessionId, cancellationToken);
        audit.Success(AuditEventTypes.PasskeyRemoved, user.Id, passkey.IsSynced ? "synced" : "device_bound");
        mailer.Queue(user.Email, EmailMessages.PasskeyRemoved());
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
