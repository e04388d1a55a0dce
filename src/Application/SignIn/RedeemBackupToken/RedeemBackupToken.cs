using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.Email;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Levels;
using Auth.Application.SignIn.SecondFactor;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.SignIn.RedeemBackupToken;

/// <summary>Completes a two-step login with a single-use backup token (<c>POST /tfa/recover_tfa</c>).</summary>
public sealed record RedeemBackupTokenCommand(Guid UserId, Guid ChallengeId, string BackupToken, CallerContext Caller, bool RememberDevice = false, BrowserSignIn? Browser = null)
    : IRequest<Result<TfaLoginResult>>
{
    public override string ToString() => nameof(RedeemBackupTokenCommand);
}

public sealed class RedeemBackupTokenCommandHandler(
    IAuthDbContext db,
    SecondFactorSignIn secondFactor,
    ISecretHasher hasher,
    BackupTokenService backupTokens,
    Mailer mailer,
    AuditTrail audit,
    TimeProvider time) : IRequestHandler<RedeemBackupTokenCommand, Result<TfaLoginResult>>
{
    public async Task<Result<TfaLoginResult>> Handle(RedeemBackupTokenCommand request, CancellationToken cancellationToken)
    {
        var begun = await secondFactor.BeginAsync(request.UserId, request.ChallengeId, cancellationToken);
        if (!begun.IsSuccess)
        {
            return begun.Error!;
        }

        var (user, device, _, attempt) = begun.Value;
        var unused = await db.BackupTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).ToListAsync(cancellationToken);
        if (unused.Count == 0)
        {
            return await attempt.RefuseAsync(TfaErrors.NoBackupTokensLeft, TfaErrors.NoBackupTokensLeft.Code, cancellationToken);
        }

        var match = BackupTokenService.FindMatch(unused, request.BackupToken, hasher);
        if (match is null)
        {
            return await attempt.FailAsync(TfaErrors.InvalidBackupToken, TfaErrors.InvalidBackupToken.Code, cancellationToken);
        }

        match.Redeem(time.GetUtcNow());
        var remaining = unused.Count - 1;
        mailer.Queue(user.Email, EmailMessages.BackupTokenUsed(remaining));
        audit.Success(AuditEventTypes.BackupTokenUsed, user.Id, $"remaining:{remaining}");

        // A parallel redemption of the same token may win; a backup token works exactly once.
        var signedIn = await secondFactor.CompleteAsync(
            begun.Value, device.IsBound ? AuthenticationMethods.PasswordAndBackupToken : AuthenticationMethods.PasswordAndUnboundFactor, request.Caller, request.RememberDevice, request.Browser, TfaErrors.InvalidBackupToken, AuditEventTypes.TfaFailed,
            cancellationToken);
        return signedIn.IsSuccess ? new TfaLoginResult(signedIn.Value, backupTokens.LowCountWarning(remaining)) : signedIn.Error!;
    }
}
