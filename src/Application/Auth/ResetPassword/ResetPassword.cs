using Auth.Application.Accounts;
using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Attempts;
using Auth.Application.Tfa.Common;
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
    AccountTokens tokens,
    SessionRevoker sessions,
    TfaDeviceService devices,
    SignInThrottler throttler,
    Mailer mailer,
    AuditTrail audit,
    TimeProvider time) : IRequestHandler<ResetPasswordCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ResetPasswordCommand request, CancellationToken cancellationToken)
    {
        var token = await tokens.RedeemAsync(request.Token, AccountTokenPurpose.PasswordReset, cancellationToken);
        if (token is null)
        {
            return UserErrors.InvalidResetToken;
        }

        var now = time.GetUtcNow();
        var user = await db.Users.SingleAsync(u => u.Id == token.UserId, cancellationToken);
        if (!user.IsEmailVerified)
        {
            // The first proof of the mailbox: whatever the registrant set up without it goes (account pre-hijacking),
            // passkeys included.
            user.VerifyEmail(now);
            await devices.RemoveEveryFactorAsync(user.Id, cancellationToken);
            audit.Success(AuditEventTypes.EmailVerified, user.Id, "password_reset_link");
        }

        user.ChangePassword(await passwordHasher.HashAsync(request.NewPassword, cancellationToken), now);
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
        return Success.Instance;
    }
}
