using Auth.Application.Audit;
using Auth.Application.Common.Models;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Levels;
using Auth.Application.SignIn.SecondFactor;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using MediatR;

namespace Auth.Application.SignIn.VerifyTfaCode;

/// <summary>Completes a two-step login with a TOTP code or an emailed code (<c>POST /tfa/login_tfa</c>).</summary>
public sealed record VerifyTfaCodeCommand(Guid UserId, Guid ChallengeId, string Code, CallerContext Caller, bool RememberDevice = false, BrowserSignIn? Browser = null)
    : IRequest<Result<TfaLoginResult>>
{
    public override string ToString() => nameof(VerifyTfaCodeCommand);
}

public sealed class VerifyTfaCodeCommandHandler(
    SecondFactorSignIn secondFactor,
    TfaDeviceService devices,
    EmailCodeService emailCodes,
    BackupTokenService backupTokens,
    AuditTrail audit) : IRequestHandler<VerifyTfaCodeCommand, Result<TfaLoginResult>>
{
    public async Task<Result<TfaLoginResult>> Handle(VerifyTfaCodeCommand request, CancellationToken cancellationToken)
    {
        var begun = await secondFactor.BeginAsync(request.UserId, request.ChallengeId, cancellationToken);
        if (!begun.IsSuccess)
        {
            return begun.Error!;
        }

        var (user, device, challenge, attempt) = begun.Value;
        var verified = device.Type == DeviceType.CodeGenerator
            ? devices.VerifyTotp(device, request.Code)
            : await emailCodes.VerifyAsync(user.Id, EmailCodePurpose.SignIn, challenge.Id, request.Code, cancellationToken)
                ? Success.Instance
                : TfaErrors.InvalidCode;
        if (!verified.IsSuccess)
        {
            var error = verified.Error!;
            return await attempt.FailAsync(error, error.Code, cancellationToken,
                error == TfaErrors.CodeReplayed ? AuditEventTypes.CodeReplayBlocked : null);
        }

        var remaining = backupTokens.LowCountWarning(await backupTokens.CountUnusedAsync(user.Id, cancellationToken));
        audit.Success(AuditEventTypes.TfaPassed, user.Id, device.Type == DeviceType.Email ? "email_code" : "totp");

        // A parallel request may accept the same time step (or spend the same emailed code) first.
        var signedIn = await secondFactor.CompleteAsync(
            begun.Value, device.IsBound ? AuthenticationMethods.PasswordAndOtp : AuthenticationMethods.PasswordAndUnboundFactor, request.Caller, request.RememberDevice, request.Browser, TfaErrors.CodeReplayed, AuditEventTypes.CodeReplayBlocked, cancellationToken);
        return signedIn.IsSuccess ? new TfaLoginResult(signedIn.Value, remaining) : signedIn.Error!;
    }
}
