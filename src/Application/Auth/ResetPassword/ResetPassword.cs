using Auth.Application.Audit;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.ResetPassword;

/// <summary>Sets a new password with a reset token. It signs every session out and does not sign in.</summary>
public sealed record ResetPasswordCommand(string Token, string NewPassword) : IRequest<Result<Success>>
{
    public override string ToString() => nameof(ResetPasswordCommand);
}

/// <summary>
/// A reset proves control of the mailbox, nothing more: it signs out every session and clears the throttle (so
/// throttling cannot lock a user out), but it neither signs in nor touches two-factor authentication.
/// </summary>
public sealed class ResetPasswordCommandHandler(
    IAuthDbContext db,
    IPasswordHasher passwordHasher,
    SessionRevoker sessions,
    SignInThrottler throttler,
    Mailer mailer,
    AuditTrail audit,
    TimeProvider time) : IRequestHandler<ResetPasswordCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ResetPasswordCommand request, CancellationToken cancellationToken)
    {
        var hash = OpaqueToken.HashOf(request.Token);
        var token = await db.PasswordResetTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow();
        if (token is null || !token.Use(now).IsSuccess)
        {
            return UserErrors.InvalidResetToken;
        }

        var user = await db.Users.SingleAsync(u => u.Id == token.UserId, cancellationToken);
        user.ChangePassword(await passwordHasher.HashAsync(request.NewPassword, cancellationToken), now);
        var revoked = await sessions.RevokeAllAsync(user.Id, SessionRevocationReason.PasswordReset, exceptSessionId: null, cancellationToken);

        mailer.Queue(user.Email, EmailMessages.PasswordReset());
        audit.Success(AuditEventTypes.PasswordReset, user.Id, $"sessions_revoked:{revoked}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UserErrors.InvalidResetToken;
        }

        await throttler.ResetAsync(user.NormalizedEmail, cancellationToken);
        return Success.Instance;
    }
}
