using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Binding;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.ConfirmTfa;

/// <summary>Proves the pending device with its first code: TFA is on, backup tokens are issued, every other session ends.</summary>
public sealed record ConfirmTfaCommand(CurrentSession Caller, string Code) : IRequest<Result<BackupTokensDto>>
{
    public override string ToString() => nameof(ConfirmTfaCommand);
}

public sealed class ConfirmTfaCommandHandler(
    IAuthDbContext db,
    TfaDeviceService devices,
    SessionRevoker sessions,
    EmailCodeService emailCodes,
    BackupTokenService backupTokens,
    FactorBinding binding,
    Mailer mailer,
    AuditTrail audit,
    TimeProvider time) : IRequestHandler<ConfirmTfaCommand, Result<BackupTokensDto>>
{
    public async Task<Result<BackupTokensDto>> Handle(ConfirmTfaCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.Caller.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        if (await devices.IsTfaEnabledAsync(user.Id, cancellationToken))
        {
            return TfaErrors.AlreadyEnabled;
        }

        var device = await devices.PendingDeviceAsync(user.Id, cancellationToken);
        if (device is null)
        {
            return TfaErrors.NoPendingEnrollment;
        }

        var proven = device.Type == DeviceType.CodeGenerator
            ? devices.VerifyTotp(device, request.Code).IsSuccess
            : await emailCodes.VerifyAsync(user.Id, EmailCodePurpose.Enrollment, device.Id, request.Code, cancellationToken);
        if (!proven)
        {
            // Only the emailed code's own guess counter is saved; the enrollment stays as it was.
            if (device.Type == DeviceType.Email)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return TfaErrors.WrongConfirmationCode;
        }

        var now = time.GetUtcNow();
        device.Activate(now);
        var tokens = await backupTokens.IssueNewSetAsync(user.Id, cancellationToken);
        await sessions.SignOutAsync(user, SessionRevocationReason.TfaEnabled, keepSessionId: request.Caller.SessionId, cancellationToken);
        var description = device.Type == DeviceType.Email ? "codes sent by email" : "an authenticator app";

        // Bound at once when its own code came through the mailbox, or the session proved a bound factor already;
        // otherwise the mailbox is asked (the backup tokens count as much as the device).
        BindingLink? link = null;
        if (device.Type == DeviceType.Email || await binding.SessionProvesSecondFactorAsync(request.Caller, cancellationToken))
        {
            device.Bind(now);
        }
        else
        {
            link = await binding.IssueLinkAsync(user, device.Id, cancellationToken);
        }

        mailer.Queue(user.Email, link is null ? EmailMessages.TfaEnabled(description) : EmailMessages.TfaEnabledToBind(description, link.Url, link.ValidFor));
        audit.Success(AuditEventTypes.TfaEnabled, user.Id, device.Type == DeviceType.Email ? "email" : "code_generator");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // enable_tfa replaced this enrollment meanwhile; nothing was activated.
            return TfaErrors.NoPendingEnrollment;
        }
        catch (DbUpdateException)
        {
            // A parallel confirmation may have activated another device first (the database keeps one active device
            // per user); anything else is a real fault.
            if (await devices.IsTfaEnabledAsync(user.Id, cancellationToken))
            {
                return TfaErrors.AlreadyEnabled;
            }

            throw;
        }

        return new BackupTokensDto(tokens);
    }
}
