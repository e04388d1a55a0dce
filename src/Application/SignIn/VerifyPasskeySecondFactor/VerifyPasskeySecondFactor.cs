using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.Passkeys.Common;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Levels;
using Auth.Application.SignIn.SecondFactor;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Passkeys;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.SignIn.VerifyPasskeySecondFactor;

/// <summary>
/// Completes a two-step sign-in with one of the user's passkeys instead of a code: the same preamble (challenge try,
/// account throttle, second-factor counter) and completion as every other second factor.
/// </summary>
public sealed record VerifyPasskeySecondFactorCommand(
    Guid UserId, Guid ChallengeId, Guid CeremonyId, string CredentialJson, CallerContext Caller, bool RememberDevice = false, BrowserSignIn? Browser = null)
    : IRequest<Result<TfaLoginResult>>
{
    public override string ToString() => nameof(VerifyPasskeySecondFactorCommand);
}

public sealed class VerifyPasskeySecondFactorCommandHandler(
    IAuthDbContext db,
    SecondFactorSignIn secondFactor,
    IPasskeyVerifier verifier,
    PasskeyCeremonies ceremonies,
    BackupTokenService backupTokens,
    AuditTrail audit,
    TimeProvider time) : IRequestHandler<VerifyPasskeySecondFactorCommand, Result<TfaLoginResult>>
{
    public async Task<Result<TfaLoginResult>> Handle(VerifyPasskeySecondFactorCommand request, CancellationToken cancellationToken)
    {
        var begun = await secondFactor.BeginAsync(request.UserId, request.ChallengeId, cancellationToken);
        if (!begun.IsSuccess)
        {
            return begun.Error!;
        }

        var (user, _, challenge, attempt) = begun.Value;
        var ceremony = await ceremonies.TakeAsync(
            request.CeremonyId, PasskeyCeremonyPurpose.SecondFactor, user.Id, challenge.Id, user.SecurityStamp, cancellationToken);
        if (ceremony is null)
        {
            return await attempt.FailAsync(PasskeyErrors.CeremonyClosed, "ceremony_closed", cancellationToken, AuditEventTypes.PasskeyFailed);
        }

        // The options named only this user's passkeys, and the verifier checks that the credential is one of them.
        var verified = await verifier.VerifyAssertionAsync(request.CredentialJson, ceremony.State, cancellationToken);
        var passkey = verified.IsSuccess && verified.Value.UserId == user.Id
            ? await db.Passkeys.SingleOrDefaultAsync(p => p.UserId == user.Id && p.CredentialId == verified.Value.CredentialId, cancellationToken)
            : null;
        if (passkey is null)
        {
            return await attempt.FailAsync(PasskeyErrors.Refused, "assertion_refused", cancellationToken, AuditEventTypes.PasskeyFailed);
        }

        var assertion = verified.Value;
        passkey.RecordUse(assertion.SignCount, assertion.IsBackedUp, time.GetUtcNow());
        var remaining = backupTokens.LowCountWarning(await backupTokens.CountUnusedAsync(user.Id, cancellationToken));
        audit.Success(AuditEventTypes.TfaPassed, user.Id, "passkey");
        var method = passkey.IsBound
            ? AuthenticationMethods.PasswordAndPasskey(passkey.IsSynced, assertion.IsUserVerified)
            : AuthenticationMethods.PasswordAndUnboundFactor;
        var signedIn = await secondFactor.CompleteAsync(
            begun.Value, method, request.Caller, request.RememberDevice, request.Browser, PasskeyErrors.Refused, AuditEventTypes.PasskeyFailed, cancellationToken);
        return signedIn.IsSuccess ? new TfaLoginResult(signedIn.Value, remaining) : signedIn.Error!;
    }
}
