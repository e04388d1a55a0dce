using Auth.Application.Audit;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.ChangePassword;

/// <summary>Changes the password and signs out every other session: whoever knew the old password is locked out.</summary>
public sealed class ChangePasswordCommandHandler(
    IAuthDbContext db,
    IPasswordHasher passwordHasher,
    SessionRevoker sessions,
    SignInThrottler throttler,
    Mailer mailer,
    AuditTrail audit,
    TimeProvider time) : IRequestHandler<ChangePasswordCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ChangePasswordCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.Caller.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var attempt = await throttler.TakeAttemptAsync(user.NormalizedEmail, cancellationToken);
        if (!attempt.IsSuccess)
        {
            return attempt.Error!;
        }

        var verification = await passwordHasher.VerifyAsync(user.PasswordHash, request.CurrentPassword, cancellationToken);
        if (verification == PasswordVerification.Failed)
        {
            audit.Failure(AuditEventTypes.PasswordChanged, user.Id, "wrong_current_password");
            await throttler.RecordFailureAsync(user.NormalizedEmail, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return UserErrors.WrongCurrentPassword;
        }

        var now = time.GetUtcNow();
        user.ChangePassword(await passwordHasher.HashAsync(request.NewPassword, cancellationToken), now);

        var others = await sessions.RevokeAllAsync(user.Id, SessionRevocationReason.PasswordChanged, request.Caller.SessionId, cancellationToken);

        mailer.Queue(user.Email, EmailMessages.PasswordChanged());
        audit.Success(AuditEventTypes.PasswordChanged, user.Id, $"other_sessions_revoked:{others.Count}");
        await db.SaveChangesAsync(cancellationToken);
        others.Publish();

        await throttler.ResetAsync(user.NormalizedEmail, cancellationToken);
        return Success.Instance;
    }
}
