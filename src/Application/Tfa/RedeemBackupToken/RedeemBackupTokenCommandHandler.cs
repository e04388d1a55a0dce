using Auth.Application.Audit;
using Auth.Application.Auth.Common;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.RedeemBackupToken;

public sealed class RedeemBackupTokenCommandHandler(
    IAuthDbContext db,
    TfaChallengeAttempts attempts,
    ISecretHasher hasher,
    BackupTokenService backupTokens,
    SessionStarter sessions,
    Mailer mailer,
    SignInThrottler throttler,
    AuditTrail audit,
    TimeProvider time) : IRequestHandler<RedeemBackupTokenCommand, Result<TfaLoginResult>>
{
    public async Task<Result<TfaLoginResult>> Handle(RedeemBackupTokenCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null || !user.TfaEnabled)
        {
            return TfaErrors.ChallengeClosed;
        }

        var unused = await db.BackupTokens.Where(t => t.UserId == request.UserId && t.UsedAt == null).ToListAsync(cancellationToken);
        if (unused.Count == 0)
        {
            return TfaErrors.NoBackupTokensLeft;
        }

        var challenge = await attempts.TakeAttemptAsync(request.ChallengeId, request.UserId, cancellationToken);
        if (challenge is null)
        {
            return TfaErrors.ChallengeClosed;
        }

        var accountAttempt = await throttler.TakeAttemptAsync(user.NormalizedEmail, cancellationToken);
        if (!accountAttempt.IsSuccess)
        {
            audit.Failure(AuditEventTypes.TfaFailed, user.Id, "throttled");
            await db.SaveChangesAsync(cancellationToken);
            return accountAttempt.Error!;
        }

        var now = time.GetUtcNow();
        var match = BackupTokenService.FindMatch(unused, request.BackupToken, hasher);
        if (match is null)
        {
            audit.Failure(AuditEventTypes.TfaFailed, user.Id, TfaErrors.InvalidBackupToken.Code);
            if (await throttler.RecordFailureAsync(user.NormalizedEmail, cancellationToken))
            {
                audit.Success(AuditEventTypes.ThrottlingStarted, user.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            return TfaErrors.InvalidBackupToken;
        }

        match.Redeem(now);
        challenge.Complete(now);
        var remaining = unused.Count - 1;
        var tokens = sessions.Start(user, AuthenticationMethods.PasswordAndBackupToken, request.Client);
        mailer.Queue(user.Email, EmailMessages.BackupTokenUsed(remaining));
        audit.Success(AuditEventTypes.BackupTokenUsed, user.Id, $"remaining:{remaining}");
        audit.Success(AuditEventTypes.LoginSucceeded, user.Id, "pwd+backup_token");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A parallel redemption of the same token won; a backup token works exactly once.
            return TfaErrors.InvalidBackupToken;
        }

        await throttler.ResetAsync(user.NormalizedEmail, cancellationToken);
        return new TfaLoginResult(tokens, backupTokens.LowCountWarning(remaining));
    }
}
