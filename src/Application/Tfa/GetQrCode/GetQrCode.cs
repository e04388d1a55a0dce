using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.GetQrCode;

/// <summary>The enrollment QR code (PNG) of the user's authenticator-app device, active or pending.</summary>
public sealed record GetQrCodeQuery(Guid UserId) : IRequest<Result<byte[]>>;

public sealed class GetQrCodeQueryHandler(IAuthDbContext db, TfaDeviceService devices) : IRequestHandler<GetQrCodeQuery, Result<byte[]>>
{
    public async Task<Result<byte[]>> Handle(GetQrCodeQuery request, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var device = await devices.ActiveDeviceAsync(user.Id, cancellationToken)
            ?? await devices.PendingDeviceAsync(user.Id, cancellationToken);
        return device is { Type: DeviceType.CodeGenerator } ? devices.QrCodeFor(user, device) : TfaErrors.NotACodeGenerator;
    }
}
