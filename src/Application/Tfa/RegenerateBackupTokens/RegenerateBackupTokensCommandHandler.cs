using Auth.Domain.Audit;
using Auth.Application.Audit;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.RegenerateBackupTokens;

public sealed class RegenerateBackupTokensCommandHandler(
    IAuthDbContext db,
    TfaDeviceService devices,
    BackupTokenService backupTokens,
    SignInThrottler throttler,
    AuditTrail audit,
    Mailer mailer) : IRequestHandler<RegenerateBackupTokensCommand, Result<BackupTokensDto>>
{
    public async Task<Result<BackupTokensDto>> Handle(RegenerateBackupTokensCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var device = await devices.ActiveDeviceAsync(user.Id, cancellationToken);
        if (!user.TfaEnabled || device is null)
        {
            return TfaErrors.NotEnabled;
        }

        var attempt = await throttler.TakeAttemptAsync(user.NormalizedEmail, cancellationToken);
        if (!attempt.IsSuccess)
        {
            return attempt.Error!;
        }

        var proven = await devices.VerifyStepUpAsync(user, device, request.Code, cancellationToken);
        if (!proven.IsSuccess)
        {
            await throttler.RecordFailureAsync(user.NormalizedEmail, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return proven.Error!;
        }

        var tokens = await backupTokens.IssueNewSetAsync(user.Id, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.BackupTokensRegenerated());
        audit.Success(AuditEventTypes.BackupTokensRegenerated, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        await throttler.ResetAsync(user.NormalizedEmail, cancellationToken);
        return new BackupTokensDto(tokens);
    }
}
