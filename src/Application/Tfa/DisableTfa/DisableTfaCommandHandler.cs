using Auth.Application.Audit;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.DisableTfa;

public sealed class DisableTfaCommandHandler(
    IAuthDbContext db,
    StepUpVerifier stepUp,
    IRevokedSessionCache revokedSessions,
    SignInThrottler throttler,
    AuditTrail audit,
    Mailer mailer,
    TimeProvider time) : IRequestHandler<DisableTfaCommand, Result<Success>>
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

        var now = time.GetUtcNow();
        db.Devices.RemoveRange(await db.Devices.Where(d => d.UserId == user.Id).ToListAsync(cancellationToken));
        db.BackupTokens.RemoveRange(await db.BackupTokens.Where(t => t.UserId == user.Id).ToListAsync(cancellationToken));
        db.EmailCodes.RemoveRange(await db.EmailCodes.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        user.DisableTfa();
        var others = await db.Sessions
            .Where(s => s.UserId == user.Id && s.Id != request.Caller.SessionId && s.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var session in others)
        {
            session.Revoke(SessionRevocationReason.TfaDisabled, now);
        }

        mailer.Queue(user.Email, EmailMessages.TfaDisabled());
        audit.Success(AuditEventTypes.TfaDisabled, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var session in others)
        {
            revokedSessions.Add(session.Id, now);
        }

        await throttler.ResetAsync(user.NormalizedEmail, cancellationToken);
        return Success.Instance;
    }
}
