using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.GetQrCode;

/// <summary>
/// The user's pending authenticator-app enrollment, read again: its QR code (PNG) and the key to type, for the API's
/// get_my_qrcode and for the page that asks for the first code again after a wrong one.
/// </summary>
public sealed record GetQrCodeQuery(Guid UserId) : IRequest<Result<EnrollmentResult>>;

public sealed class GetQrCodeQueryHandler(IAuthDbContext db, TfaDeviceService devices) : IRequestHandler<GetQrCodeQuery, Result<EnrollmentResult>>
{
    public async Task<Result<EnrollmentResult>> Handle(GetQrCodeQuery request, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        // The secret is shown only while an enrollment waits for its first code; after that, re-enrolling is the way.
        var pending = await devices.PendingDeviceAsync(user.Id, cancellationToken);
        if (pending is null && await devices.ActiveDeviceAsync(user.Id, cancellationToken) is { Type: DeviceType.CodeGenerator })
        {
            return TfaErrors.SecretNotRetrievable;
        }

        return pending is { Type: DeviceType.CodeGenerator } ? devices.EnrollmentOf(user, pending) : TfaErrors.NotACodeGenerator;
    }
}
