using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Application.SignIn.StepUp;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.EnableTfa;

/// <summary>Starts enrolling a device. TFA is enforced only after <c>ConfirmTfa</c> proves the device.</summary>
public sealed record EnableTfaCommand(CurrentSession Caller, DeviceType? DeviceType, string? Password = null) : IRequest<Result<EnrollmentResult>>
{
    public override string ToString() => nameof(EnableTfaCommand);
}

public sealed class EnableTfaCommandHandler(IAuthDbContext db, Reauthentication reauthentication, TfaDeviceService devices, EmailCodeService emailCodes)
    : IRequestHandler<EnableTfaCommand, Result<EnrollmentResult>>
{
    public async Task<Result<EnrollmentResult>> Handle(EnableTfaCommand request, CancellationToken cancellationToken)
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

        // A stolen session must not be able to enroll the thief's authenticator.
        var fresh = await reauthentication.RequireAsync(user, request.Caller, request.Password, cancellationToken);
        if (!fresh.IsSuccess)
        {
            return fresh.Error!;
        }

        // The validator guarantees a device type.
        var (device, enrollment) = await devices.EnrollAsync(user, request.DeviceType!.Value, cancellationToken);
        if (device.Type == DeviceType.Email)
        {
            await emailCodes.IssueAsync(user, EmailCodePurpose.Enrollment, device.Id, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The pending enrollment this one replaces was confirmed meanwhile: TFA is on, and stays on its device.
            return TfaErrors.AlreadyEnabled;
        }

        return enrollment;
    }
}
