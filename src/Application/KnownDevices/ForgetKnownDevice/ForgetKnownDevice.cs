using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Domain.Common;
using Auth.Domain.KnownDevices;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.KnownDevices.ForgetKnownDevice;

/// <summary>Forgets a device (<c>DELETE /auth/devices/{id}</c>): its token no longer counts as known, nor skips the second factor.</summary>
public sealed record ForgetKnownDeviceCommand(CurrentSession Caller, Guid DeviceId) : IRequest<Result<Success>>;

public sealed class ForgetKnownDeviceCommandHandler(IAuthDbContext db) : IRequestHandler<ForgetKnownDeviceCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ForgetKnownDeviceCommand request, CancellationToken cancellationToken)
    {
        var device = await db.KnownDevices.SingleOrDefaultAsync(d => d.Id == request.DeviceId && d.UserId == request.Caller.UserId, cancellationToken);
        if (device is null)
        {
            return KnownDeviceErrors.NotFound;
        }

        db.KnownDevices.Remove(device);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
