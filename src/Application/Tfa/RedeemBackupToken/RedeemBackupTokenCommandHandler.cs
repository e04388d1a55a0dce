using Auth.Application.Auth.Common;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Tfa.Common;
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
            return accountAttempt.Error!;
        }

        var now = time.GetUtcNow();
        var match = BackupTokenService.FindMatch(unused, request.BackupToken, hasher);
        if (match is null)
        {
            await throttler.RecordFailureAsync(user.NormalizedEmail, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return TfaErrors.InvalidBackupToken;
        }

        match.Redeem(now);
        challenge.Complete(now);
        var remaining = unused.Count - 1;
        var tokens = sessions.Start(user, AuthenticationMethods.PasswordAndBackupToken, request.Client);
        mailer.Queue(user.Email, EmailMessages.BackupTokenUsed(remaining));
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
