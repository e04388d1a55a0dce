using Auth.Application.Audit;
using Auth.Application.Auth.Common;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.VerifyCode;

public sealed class VerifyTfaCodeCommandHandler(
    IAuthDbContext db,
    TfaChallengeAttempts attempts,
    TfaDeviceService devices,
    EmailCodeService emailCodes,
    BackupTokenService backupTokens,
    SessionStarter sessions,
    SignInThrottler throttler,
    AuditTrail audit,
    TimeProvider time) : IRequestHandler<VerifyTfaCodeCommand, Result<TfaLoginResult>>
{
    public async Task<Result<TfaLoginResult>> Handle(VerifyTfaCodeCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return TfaErrors.ChallengeClosed;
        }

        // The sign-in attempt first (a dead pre-TFA token is a 401 whatever the account's state), then the account.
        var challenge = await attempts.TakeAttemptAsync(request.ChallengeId, request.UserId, cancellationToken);
        var device = await devices.ActiveDeviceAsync(request.UserId, cancellationToken);
        if (challenge is null || device is null)
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

        var verified = device.Type == DeviceType.CodeGenerator
            ? devices.VerifyTotp(device, request.Code)
            : await emailCodes.VerifyAsync(user.Id, EmailCodePurpose.SignIn, challenge.Id, request.Code, cancellationToken)
                ? Success.Instance
                : TfaErrors.InvalidCode;

        if (!verified.IsSuccess)
        {
            audit.Failure(verified.Error == TfaErrors.CodeReplayed ? AuditEventTypes.CodeReplayBlocked : AuditEventTypes.TfaFailed,
                user.Id, verified.Error!.Code);
            if (await throttler.RecordFailureAsync(user.NormalizedEmail, cancellationToken))
            {
                audit.Success(AuditEventTypes.ThrottlingStarted, user.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            return verified.Error!;
        }

        challenge.Complete(time.GetUtcNow());
        var tokens = sessions.Start(user, AuthenticationMethods.PasswordAndOtp, request.Client);
        var remaining = backupTokens.LowCountWarning(await backupTokens.CountUnusedAsync(user.Id, cancellationToken));
        audit.Success(AuditEventTypes.TfaPassed, user.Id, device.Type == DeviceType.Email ? "email_code" : "totp");
        audit.Success(AuditEventTypes.LoginSucceeded, user.Id, "pwd+otp");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A parallel request accepted the same time step (or spent the same emailed code) first.
            db.DiscardChanges();
            audit.Failure(AuditEventTypes.CodeReplayBlocked, user.Id, TfaErrors.CodeReplayed.Code);
            await db.SaveChangesAsync(cancellationToken);
            return TfaErrors.CodeReplayed;
        }

        await throttler.ResetAsync(user.NormalizedEmail, cancellationToken);
        return new TfaLoginResult(tokens, remaining);
    }
}
