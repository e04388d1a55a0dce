using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.KnownDevices;
using Auth.Application.Passkeys.Common;
using Auth.Application.SignIn.Attempts;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Levels;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Passkeys;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.SignIn.SignInWithPasskey;

/// <summary>
/// Signs in with a passkey alone. The passkey is a whole sign-in (something held, plus the authenticator's PIN or
/// biometric check, which is required here), so a TFA user is not asked for a code. A refused answer counts in the
/// account's one sign-in attempt path, like a wrong password.
/// </summary>
/// <param name="DeviceToken">The device token the client holds, if any (its tries count against that device).</param>
public sealed record SignInWithPasskeyCommand(Guid CeremonyId, string CredentialJson, CallerContext Caller, string? DeviceToken = null, BrowserSignIn? Browser = null)
    : IRequest<Result<CompletedSignIn>>
{
    public override string ToString() => nameof(SignInWithPasskeyCommand);
}

public sealed class SignInWithPasskeyCommandHandler(
    IAuthDbContext db,
    IPasskeyVerifier verifier,
    PasskeyCeremonies ceremonies,
    SignInAttempts signIns,
    SignInPolicy policy,
    KnownDeviceRegistry knownDevices,
    AuditTrail audit,
    TimeProvider time) : IRequestHandler<SignInWithPasskeyCommand, Result<CompletedSignIn>>
{
    public async Task<Result<CompletedSignIn>> Handle(SignInWithPasskeyCommand request, CancellationToken cancellationToken)
    {
        var ceremony = await ceremonies.TakeAsync(request.CeremonyId, PasskeyCeremonyPurpose.SignIn, null, null, null, cancellationToken);
        if (ceremony is null)
        {
            return PasskeyErrors.CeremonyClosed;
        }

        // The answer names its credential; the account it belongs to is whose throttle the try counts against.
        var credentialId = verifier.CredentialIdOf(request.CredentialJson);
        var passkey = credentialId is null ? null : await db.Passkeys.SingleOrDefaultAsync(p => p.CredentialId == credentialId, cancellationToken);
        var user = passkey is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == passkey.UserId, cancellationToken);
        if (passkey is null || user is null)
        {
            audit.Failure(AuditEventTypes.PasskeyFailed, null, "unknown_credential");
            await db.SaveChangesAsync(cancellationToken);
            return PasskeyErrors.Refused;
        }

        var knownDevice = await knownDevices.FindAsync(request.DeviceToken, user.Id, cancellationToken);
        var begun = await signIns.BeginAsync(knownDevice?.ThrottleKey ?? user.NormalizedEmail, user.Id, AuditEventTypes.PasskeyFailed, cancellationToken);
        if (!begun.IsSuccess)
        {
            return begun.Error!;
        }

        var attempt = begun.Value;
        var verified = await verifier.VerifyAssertionAsync(request.CredentialJson, ceremony.State, cancellationToken);
        if (!verified.IsSuccess || verified.Value.UserId != user.Id)
        {
            return await attempt.FailAsync(PasskeyErrors.Refused, "assertion_refused", cancellationToken);
        }

        if (!verified.Value.IsUserVerified)
        {
            return await attempt.FailAsync(PasskeyErrors.UserVerificationRequired, "user_not_verified", cancellationToken);
        }

        if (policy.Refusal(user) is { } refusal)
        {
            return await attempt.RefuseAsync(refusal, refusal.Code, cancellationToken);
        }

        // A passkey added after a password-only sign-in would sign its holder in without the password: not until bound.
        if (!passkey.IsBound)
        {
            return await attempt.RefuseAsync(PasskeyErrors.NotBound, PasskeyErrors.NotBound.Code, cancellationToken);
        }

        passkey.RecordUse(verified.Value.SignCount, verified.Value.IsBackedUp, time.GetUtcNow());
        return await attempt.SignInAsync(
            new ProvenSignIn(user, AuthenticationMethods.Passkey(passkey.IsSynced, userVerified: true), request.Caller, knownDevice, Browser: request.Browser),
            cancellationToken);
    }
}
