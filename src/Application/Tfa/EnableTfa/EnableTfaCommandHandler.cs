using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.EnableTfa;

public sealed class EnableTfaCommandHandler(IAuthDbContext db, TfaDeviceService devices, EmailCodeService emailCodes)
    : IRequestHandler<EnableTfaCommand, Result<EnrollmentResult>>
{
    public async Task<Result<EnrollmentResult>> Handle(EnableTfaCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        if (user.TfaEnabled)
        {
            return TfaErrors.AlreadyEnabled;
        }

        var (device, enrollment) = await devices.EnrollAsync(user, request.DeviceType, cancellationToken);
        if (device.Type == DeviceType.Email)
        {
            await emailCodes.IssueAsync(user, EmailCodePurpose.Enrollment, device.Id, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return enrollment;
    }
}
