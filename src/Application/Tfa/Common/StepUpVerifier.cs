using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;

namespace Auth.Application.Tfa.Common;

/// <summary>
/// The checks before a signed-in user changes their second factor (disable it, new backup tokens): TFA must be on,
/// the try counts against the account's throttle, then the password (when asked for) and a current code must be
/// right. A failure is recorded and saved here; a success returns the active device.
/// </summary>
public sealed class StepUpVerifier(
    IAuthDbContext db,
    IPasswordHasher passwordHasher,
    TfaDeviceService devices,
    SignInThrottler throttler)
{
    public async Task<Result<Device>> VerifyAsync(User user, string? password, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
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

        var failure = password is not null
            && await passwordHasher.VerifyAsync(user.PasswordHash, password, cancellationToken) == PasswordVerification.Failed
                ? UserErrors.WrongCurrentPassword
                : (await devices.VerifyStepUpAsync(user, device, code, cancellationToken)).Error;
        if (failure is not null)
        {
            await throttler.RecordFailureAsync(user.NormalizedEmail, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return failure;
        }

        return device;
    }
}
