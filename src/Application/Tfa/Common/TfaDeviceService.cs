using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.Common;

/// <summary>Enrollment of devices and verification of their codes, shared by the TFA commands.</summary>
public sealed class TfaDeviceService(
    IAuthDbContext db,
    ITotpService totp,
    ISecretProtector protector,
    IQrCodeRenderer qrCodes,
    EmailCodeService emailCodes,
    TimeProvider time)
{
    /// <summary>Two-factor authentication is on exactly when the user has an active device; nothing else records it.</summary>
    public Task<bool> IsTfaEnabledAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Devices.AnyAsync(d => d.UserId == userId && d.Status == DeviceStatus.Active, cancellationToken);

    public Task<Device?> ActiveDeviceAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Devices.SingleOrDefaultAsync(d => d.UserId == userId && d.Status == DeviceStatus.Active, cancellationToken);

    /// <summary>The newest pending enrollment (parallel enable_tfa calls can leave more than one; the last one counts).</summary>
    public Task<Device?> PendingDeviceAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Devices.Where(d => d.UserId == userId && d.Status == DeviceStatus.Pending)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Creates a device (replacing any pending enrollment). For a code generator, returns what the app needs.</summary>
    public async Task<(Device Device, EnrollmentResult Result)> EnrollAsync(User user, DeviceType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        db.Devices.RemoveRange(await db.Devices.Where(d => d.UserId == user.Id && d.Status == DeviceStatus.Pending).ToListAsync(cancellationToken));
        var now = time.GetUtcNow();
        if (type == DeviceType.Email)
        {
            var emailDevice = Device.EnrollEmail(user.Id, now);
            db.Devices.Add(emailDevice);
            return (emailDevice, new EnrollmentResult(type, null, null));
        }

        var secret = totp.GenerateSecret();
        var id = Guid.CreateVersion7(now);
        var protectedSecret = protector.Protect(secret, SecretContexts.TotpSecret(user.Id, id));
        var device = Device.EnrollCodeGenerator(id, user.Id, protectedSecret.KeyId, protectedSecret.Ciphertext, now);
        db.Devices.Add(device);
        var uri = totp.BuildOtpAuthUri(user.Email, secret);
        var png = qrCodes.RenderPng(uri);
        return (device, new EnrollmentResult(type, new EnrollmentDto(totp.ToBase32(secret), uri, Convert.ToBase64String(png)), png));
    }

    /// <summary>
    /// Removes the devices (and so their secrets), the backup tokens and the emailed codes: TFA is off. With
    /// <paramref name="keepEnrollment"/> a pending enrolment and its confirmation code stay (they give nothing yet).
    /// </summary>
    public async Task RemoveSecondFactorAsync(Guid userId, CancellationToken cancellationToken, bool keepEnrollment = false)
    {
        db.Devices.RemoveRange(await db.Devices.Where(d => d.UserId == userId && !(keepEnrollment && d.Status == DeviceStatus.Pending))
            .ToListAsync(cancellationToken));
        db.BackupTokens.RemoveRange(await db.BackupTokens.Where(t => t.UserId == userId).ToListAsync(cancellationToken));
        db.EmailCodes.RemoveRange(await db.EmailCodes.Where(c => c.UserId == userId && !(keepEnrollment && c.Purpose == EmailCodePurpose.Enrollment))
            .ToListAsync(cancellationToken));
    }

    /// <summary>
    /// Removes every factor besides the password: the second factor (as above) and every passkey. For when any of them
    /// may be the lost or the planted one (an administrator's reset; the first proof of a never-verified mailbox).
    /// </summary>
    public async Task RemoveEveryFactorAsync(Guid userId, CancellationToken cancellationToken, bool keepEnrollment = false)
    {
        await RemoveSecondFactorAsync(userId, cancellationToken, keepEnrollment);
        db.Passkeys.RemoveRange(await db.Passkeys.Where(p => p.UserId == userId).ToListAsync(cancellationToken));
    }

    /// <summary>What an authenticator app needs for a pending enrollment, read again (the QR code, the key to type).</summary>
    public EnrollmentResult EnrollmentOf(User user, Device device)
    {
        ArgumentNullException.ThrowIfNull(user);
        var secret = SecretOf(device);
        var uri = totp.BuildOtpAuthUri(user.Email, secret);
        var png = qrCodes.RenderPng(uri);
        return new EnrollmentResult(device.Type, new EnrollmentDto(totp.ToBase32(secret), uri, Convert.ToBase64String(png)), png);
    }

    /// <summary>Checks a TOTP code and accepts its time step once (replay protection).</summary>
    public Result<Success> VerifyTotp(Device device, string code)
    {
        ArgumentNullException.ThrowIfNull(device);
        var step = totp.MatchTimeStep(SecretOf(device), code, time.GetUtcNow());
        return step is null ? TfaErrors.InvalidCode : device.AcceptTimeStep(step.Value);
    }

    /// <summary>Verifies a code for a sensitive change by a signed-in user: a TOTP code, or an emailed step-up code.</summary>
    public async Task<Result<Success>> VerifyStepUpAsync(User user, Device device, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(device);
        if (device.Type == DeviceType.CodeGenerator)
        {
            return VerifyTotp(device, code);
        }

        return await emailCodes.VerifyAsync(user.Id, EmailCodePurpose.StepUp, user.Id, code, cancellationToken)
            ? Success.Instance
            : TfaErrors.InvalidCode;
    }

    private byte[] SecretOf(Device device) =>
        protector.Unprotect(new ProtectedSecret(device.SecretKeyId!, device.SecretCiphertext!), SecretContexts.TotpSecret(device.UserId, device.Id));
}
