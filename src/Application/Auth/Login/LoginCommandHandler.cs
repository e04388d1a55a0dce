using Auth.Application.Audit;
using Auth.Application.Auth.Common;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Auth.Login;

public sealed class LoginCommandHandler(
    IAuthDbContext db,
    IPasswordHasher passwordHasher,
    SessionStarter sessions,
    TfaDeviceService devices,
    EmailCodeService emailCodes,
    BackupTokenService backupTokens,
    IPreTfaTokenIssuer preTfaTokens,
    SignInThrottler throttler,
    AuditTrail audit,
    IOptions<TfaOptions> tfaOptions,
    TimeProvider time) : IRequestHandler<LoginCommand, Result<LoginResult>>
{
    public async Task<Result<LoginResult>> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        // Counted before anything is checked, for known and unknown names alike: a throttled name costs no hash.
        var normalizedEmail = EmailAddress.Normalize(request.Email);
        var attempt = await throttler.TakeAttemptAsync(normalizedEmail, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);
        if (!attempt.IsSuccess)
        {
            audit.Failure(AuditEventTypes.LoginFailed, user?.Id, "throttled");
            await db.SaveChangesAsync(cancellationToken);
            return attempt.Error!;
        }

        if (user is null)
        {
            await passwordHasher.SimulateVerifyAsync(request.Password, cancellationToken);
            await RecordFailureAsync(normalizedEmail, null, "unknown_account", cancellationToken);
            return UserErrors.InvalidCredentials;
        }

        var verification = await passwordHasher.VerifyAsync(user.PasswordHash, request.Password, cancellationToken);
        if (verification == PasswordVerification.Failed)
        {
            await RecordFailureAsync(normalizedEmail, user.Id, "invalid_password", cancellationToken);
            return UserErrors.InvalidCredentials;
        }

        if (user.IsDisabled)
        {
            audit.Failure(AuditEventTypes.LoginFailed, user.Id, "account_disabled");
            await db.SaveChangesAsync(cancellationToken);
            await throttler.RefundAsync(normalizedEmail, cancellationToken);
            return UserErrors.Disabled;
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            user.UpgradePasswordHash(await passwordHasher.HashAsync(request.Password, cancellationToken));
        }

        var device = user.TfaEnabled ? await devices.ActiveDeviceAsync(user.Id, cancellationToken) : null;
        if (device is null)
        {
            var tokens = sessions.Start(user, AuthenticationMethods.Password, request.Client);
            audit.Success(AuditEventTypes.LoginSucceeded, user.Id, "pwd");
            await db.SaveChangesAsync(cancellationToken);
            await throttler.ResetAsync(normalizedEmail, cancellationToken);
            return new LoginResult(tokens, null);
        }

        var options = tfaOptions.Value;
        var challenge = TfaChallenge.Start(user.Id, options.PreTfaTokenLifetime, time.GetUtcNow());
        db.TfaChallenges.Add(challenge);
        if (device.Type == DeviceType.Email)
        {
            challenge.RecordEmailCodeSent(time.GetUtcNow(), options.ResendInterval, options.MaxResends);
            await emailCodes.IssueAsync(user, EmailCodePurpose.SignIn, challenge.Id, cancellationToken);
        }

        var remaining = backupTokens.LowCountWarning(await backupTokens.CountUnusedAsync(user.Id, cancellationToken));
        var preTfaToken = preTfaTokens.Issue(user, challenge);
        await db.SaveChangesAsync(cancellationToken);
        await throttler.RefundAsync(normalizedEmail, cancellationToken);
        return new LoginResult(null, new TfaRequired(preTfaToken, (int)preTfaTokens.Lifetime.TotalSeconds, device.Type, remaining));
    }

    private async Task RecordFailureAsync(string normalizedEmail, Guid? userId, string reason, CancellationToken cancellationToken)
    {
        audit.Failure(AuditEventTypes.LoginFailed, userId, reason);
        if (await throttler.RecordFailureAsync(normalizedEmail, cancellationToken))
        {
            audit.Success(AuditEventTypes.ThrottlingStarted, userId);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
