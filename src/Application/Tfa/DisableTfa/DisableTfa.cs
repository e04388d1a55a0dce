using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Application.SignIn.StepUp;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.DisableTfa;

/// <summary>Turns TFA off; needs the password and a current code, and signs out every other session.</summary>
public sealed record DisableTfaCommand(CurrentSession Caller, string Password, string Code) : IRequest<Result<Success>>
{
    public override string ToString() => nameof(DisableTfaCommand);
}

public sealed class DisableTfaCommandHandler(
    IAuthDbContext db,
    StepUpVerifier stepUp,
    TfaDeviceService devices,
    SessionRevoker sessions,
    AuditTrail audit,
    Mailer mailer) : IRequestHandler<DisableTfaCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(DisableTfaCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.Caller.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var proven = await stepUp.VerifyAsync(user, request.Password, request.Code, cancellationToken);
        if (!proven.IsSuccess)
        {
            return proven.Error!;
        }

        await devices.RemoveSecondFactorAsync(user.Id, cancellationToken);
        await sessions.SignOutAsync(user, SessionRevocationReason.TfaDisabled, keepSessionId: request.Caller.SessionId, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.TfaDisabled());
        audit.Success(AuditEventTypes.TfaDisabled, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        await proven.Value.Attempt.SucceedAsync(cancellationToken);
        return Success.Instance;
    }
}
