using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Attempts;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.ChangePassword;

public sealed record ChangePasswordCommand(CurrentSession Caller, string CurrentPassword, string NewPassword)
    : IRequest<Result<Success>>
{
    public override string ToString() => nameof(ChangePasswordCommand);
}

/// <summary>
/// Changes the password and signs out every other session and every app's tokens (this session's included): whoever
/// knew the old password, and whatever an app was given with it, is locked out.
/// </summary>
public sealed class ChangePasswordCommandHandler(
    IAuthDbContext db,
    SignInAttempts signIns,
    SessionRevoker sessions,
    Mailer mailer,
    AuditTrail audit,
    IClientRegistry clients,
    TimeProvider time) : IRequestHandler<ChangePasswordCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ChangePasswordCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.Caller.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var begun = await signIns.BeginAsync(user.NormalizedEmail, user.Id, AuditEventTypes.PasswordChanged, cancellationToken);
        if (!begun.IsSuccess)
        {
            return begun.Error!;
        }

        var attempt = begun.Value;
        if (await attempt.CheckPasswordAsync(user.PasswordHash, request.CurrentPassword, cancellationToken) == PasswordVerification.Failed)
        {
            return await attempt.FailAsync(UserErrors.WrongCurrentPassword, "wrong_current_password", cancellationToken);
        }

        user.ChangePassword(await attempt.HashNewPasswordAsync(request.NewPassword, cancellationToken), time.GetUtcNow());
        var others = await sessions.SignOutAsync(user, SessionRevocationReason.PasswordChanged, keepSessionId: request.Caller.SessionId, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.PasswordChanged());
        audit.Success(AuditEventTypes.PasswordChanged, user.Id, $"other_sessions_revoked:{others}");
        await db.SaveChangesAsync(cancellationToken);
        await attempt.SucceedAsync(cancellationToken);

        // After the commit: the provider's store saves on its own, and a refused change must not end anything.
        await clients.RevokeAppTokensAsync(user.Id, cancellationToken);
        return Success.Instance;
    }
}
