using Auth.Application.Common.Interfaces;
using Auth.Application.SignIn.Attempts;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;

namespace Auth.Application.SignIn.StepUp;

/// <summary>A proven step-up: the active device, and the attempt to end with <c>SucceedAsync</c> once the change is saved.</summary>
public sealed record ProvenStepUp(Device Device, SignInAttempt Attempt);

/// <summary>
/// The checks before a signed-in user changes their second factor (disable it, new backup tokens): TFA must be on,
/// the try counts as a sign-in attempt, then the password (when asked for) and a current code must be right.
/// </summary>
public sealed class StepUpVerifier(TfaDeviceService devices, SignInAttempts signIns)
{
    public async Task<Result<ProvenStepUp>> VerifyAsync(User user, string? password, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var device = await devices.ActiveDeviceAsync(user.Id, cancellationToken);
        if (device is null)
        {
            return TfaErrors.NotEnabled;
        }

        var begun = await signIns.BeginAsync(user.NormalizedEmail, user.Id, AuditEventTypes.StepUpFailed, cancellationToken);
        if (!begun.IsSuccess)
        {
            return begun.Error!;
        }

        var attempt = begun.Value;
        if (password is not null
            && await attempt.CheckPasswordAsync(user.PasswordHash, password, cancellationToken) == PasswordVerification.Failed)
        {
            return await attempt.FailAsync(UserErrors.WrongCurrentPassword, "wrong_current_password", cancellationToken);
        }

        if (!await attempt.TakeSecondFactorTryAsync(user, cancellationToken))
        {
            return await attempt.RefuseAsync(TfaErrors.SecondFactorLocked, TfaErrors.SecondFactorLocked.Code, cancellationToken);
        }

        var verified = await devices.VerifyStepUpAsync(user, device, code, cancellationToken);
        return verified.IsSuccess
            ? new ProvenStepUp(device, attempt)
            : await attempt.FailAsync(verified.Error!, verified.Error!.Code, cancellationToken);
    }
}
