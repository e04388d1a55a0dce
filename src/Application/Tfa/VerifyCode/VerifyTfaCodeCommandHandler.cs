using Auth.Application.Auth.Common;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
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
            return accountAttempt.Error!;
        }

        var verified = device.Type == DeviceType.CodeGenerator
            ? devices.VerifyTotp(device, request.Code)
            : await emailCodes.VerifyAsync(user.Id, EmailCodePurpose.SignIn, challenge.Id, request.Code, cancellationToken)
                ? Success.Instance
                : TfaErrors.InvalidCode;

        if (!verified.IsSuccess)
        {
            await throttler.RecordFailureAsync(user.NormalizedEmail, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return verified.Error!;
        }

        challenge.Complete(time.GetUtcNow());
        var tokens = sessions.Start(user, AuthenticationMethods.PasswordAndOtp, request.Client);
        var remaining = backupTokens.LowCountWarning(await backupTokens.CountUnusedAsync(user.Id, cancellationToken));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A parallel request accepted the same time step (or spent the same emailed code) first.
            return TfaErrors.CodeReplayed;
        }

        await throttler.ResetAsync(user.NormalizedEmail, cancellationToken);
        return new TfaLoginResult(tokens, remaining);
    }
}
