using Auth.Application.Common.Exceptions;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.KnownDevices;
using Auth.Application.SignIn.Attempts;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Levels;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.Login;

/// <param name="DeviceToken">The device token the client holds (cookie or <c>X-Device-Token</c>), if any.</param>
/// <param name="Browser">Set when a browser signs in on the hosted pages (no tokens; its previous session ends).</param>
/// <param name="RequestedLevel">
/// The <c>acr</c> an app asked for (step-up): from <c>mfa</c> up, a TFA user passes the second factor even on a remembered device.
/// </param>
public sealed record LoginCommand(string Email, string Password, CallerContext Caller, string? DeviceToken = null, string? RequestedLevel = null,
    BrowserSignIn? Browser = null)
    : IRequest<Result<LoginResult>>
{
    public override string ToString() => nameof(LoginCommand);
}

/// <summary>Either a finished sign-in, or — for a user with a second factor — a pre-TFA token.</summary>
public sealed record LoginResult(CompletedSignIn? SignedIn, TfaRequired? Tfa)
{
    public override string ToString() => $"{nameof(LoginResult)} {{ TfaRequired = {Tfa is not null} }}";
}

public sealed record TfaRequired(string PreTfaToken, int ExpiresIn, DeviceType DeviceType, int? BackupTokensRemaining)
{
    public override string ToString() => $"{nameof(TfaRequired)} {{ DeviceType = {DeviceType} }}";
}

public sealed class LoginCommandHandler(
    IAuthDbContext db,
    IPasswordHasher passwordHasher,
    SignInAttempts signIns,
    SignInPolicy policy,
    KnownDeviceRegistry knownDevices,
    EmailCodeService emailCodes,
    BackupTokenService backupTokens,
    IPreTfaTokenIssuer preTfaTokens,
    IOptions<TfaOptions> tfaOptions,
    TimeProvider time) : IRequestHandler<LoginCommand, Result<LoginResult>>
{
    public async Task<Result<LoginResult>> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        // A place for this login's hash first: under a flood, a refused request costs no database work, and only the
        // requests that will be hashed read and count anything.
        using var reservation = passwordHasher.TryReserve() ?? throw new ServiceBusyException();

        // Counted before anything is checked, for known and unknown names alike: a throttled name costs no hash. A
        // client with the account's device token counts against that device alone, so others cannot lock it out.
        // The account and its second factor, if any, in one query.
        var normalizedEmail = EmailAddress.Normalize(request.Email);
        var account = await db.Users.Where(u => u.NormalizedEmail == normalizedEmail)
            .Select(u => new { User = u, SecondFactor = db.Devices.SingleOrDefault(d => d.UserId == u.Id && d.Status == DeviceStatus.Active) })
            .SingleOrDefaultAsync(cancellationToken);
        var user = account?.User;
        var knownDevice = user is null ? null : await knownDevices.FindAsync(request.DeviceToken, user.Id, cancellationToken);
        var begun = await signIns.BeginAsync(knownDevice?.ThrottleKey ?? normalizedEmail, user?.Id, AuditEventTypes.LoginFailed, cancellationToken);
        if (!begun.IsSuccess)
        {
            return begun.Error!;
        }

        var attempt = begun.Value;
        var verification = await attempt.CheckPasswordAsync(user?.PasswordHash, request.Password, cancellationToken);
        if (user is null)
        {
            return await attempt.FailAsync(UserErrors.InvalidCredentials, "unknown_account", cancellationToken);
        }

        if (verification == PasswordVerification.Failed)
        {
            return await attempt.FailAsync(UserErrors.InvalidCredentials, "invalid_password", cancellationToken);
        }

        if (policy.Refusal(user) is { } refusal)
        {
            return await attempt.RefuseAsync(refusal, refusal.Code, cancellationToken);
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            try
            {
                user.UpgradePasswordHash(await passwordHasher.HashAsync(request.Password, cancellationToken));
            }
            catch (ServiceBusyException)
            {
                // The upgrade is optional and waits for a quieter login; a right password is never refused for it.
            }
        }

        var device = account!.SecondFactor;
        var stepUp = request.RequestedLevel is { } level && AuthenticationLevels.Satisfies(level, AuthenticationLevels.MultiFactor);
        if (device is null || (!stepUp && knownDevice?.IsRemembered(time.GetUtcNow()) == true))
        {
            var method = device is null ? AuthenticationMethods.Password : AuthenticationMethods.PasswordOnRememberedDevice;
            var signedIn = await attempt.SignInAsync(new ProvenSignIn(user, method, request.Caller, knownDevice, Browser: request.Browser), cancellationToken);
            return signedIn.IsSuccess ? new LoginResult(signedIn.Value, null) : signedIn.Error!;
        }

        var options = tfaOptions.Value;
        var challenge = TfaChallenge.Start(user.Id, user.SecurityStamp, knownDevice?.Id, options.PreTfaTokenLifetime, time.GetUtcNow());
        db.TfaChallenges.Add(challenge);
        if (device.Type == DeviceType.Email)
        {
            challenge.RecordEmailCodeSent(time.GetUtcNow(), options.ResendInterval, options.MaxResends);
            await emailCodes.IssueAsync(user, EmailCodePurpose.SignIn, challenge.Id, cancellationToken);
        }

        var remaining = backupTokens.LowCountWarning(await backupTokens.CountUnusedAsync(user.Id, cancellationToken));
        var preTfaToken = preTfaTokens.Issue(user, challenge);
        await db.SaveChangesAsync(cancellationToken);
        await attempt.DeferToSecondFactorAsync(cancellationToken);
        return new LoginResult(null, new TfaRequired(preTfaToken, (int)preTfaTokens.Lifetime.TotalSeconds, device.Type, remaining));
    }
}
