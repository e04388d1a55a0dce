using Auth.Application.Accounts;
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

namespace Auth.Application.Auth.ResetPassword;

/// <summary>Sets a new password with a reset token. It signs every session out and does not sign in.</summary>
public sealed record ResetPasswordCommand(string Token, string NewPassword) : IRequest<Result<Success>>
{
    public override string ToString() => nameof(ResetPasswordCommand);
}

/// <summary>
/// A reset proves control of the mailbox, nothing more: it signs out every session (and every app's tokens) and clears
/// the throttle (so throttling cannot lock a user out), but it neither signs in nor touches two-factor authentication,
/// unless it is the first proof of the mailbox (<see cref="FirstMailboxProof"/>).
/// </summary>
public sealed class ResetPasswordCommandHandler(
    IAuthDbContext db,
    IPasswordHasher passwordHasher,
    AccountTokens tokens,
    SessionRevoker sessions,
    FirstMailboxProof firstProof,
    SignInThrottler throttler,
    Mailer mailer,
    AuditTrail audit,
    IClientRegistry clients,
    TimeProvider time) : IRequestHandler<ResetPasswordCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ResetPasswordCommand request, CancellationToken cancellationToken)
    {
        var token = await tokens.RedeemAsync(request.Token, AccountTokenPurpose.PasswordReset, cancellationToken);
        if (token is null)
        {
            return UserErrors.InvalidResetToken;
        }

        var user = await db.Users.SingleAsync(u => u.Id == token.UserId, cancellationToken);
        await firstProof.ApplyAsync(user, "password_reset_link", cancellationToken);
        user.ChangePassword(await passwordHasher.HashAsync(request.NewPassword, cancellationToken), time.GetUtcNow());
        var revoked = await sessions.SignOutAsync(user, SessionRevocationReason.PasswordReset, keepSessionId: null, cancellationToken);

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

        // After the commit: the provider's store saves on its own, and a refused reset must not end anything.
        await clients.RevokeAppTokensAsync(user.Id, cancellationToken);
        return Success.Instance;
    }
}
