using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.SendStepUpCode;

/// <summary>
/// Emails a signed-in email-device user a code for disable_tfa or backup_tokens/regenerate (which need a current
/// second factor). At most one per resend interval.
/// </summary>
public sealed record SendStepUpCodeCommand(Guid UserId) : IRequest<Result<Success>>;

public sealed class SendStepUpCodeCommandHandler(
    IAuthDbContext db,
    TfaDeviceService devices,
    EmailCodeService emailCodes,
    IOptions<TfaOptions> options,
    TimeProvider time) : IRequestHandler<SendStepUpCodeCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(SendStepUpCodeCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var device = await devices.ActiveDeviceAsync(user.Id, cancellationToken);
        if (device is not { Type: DeviceType.Email })
        {
            return TfaErrors.NotAnEmailDevice;
        }

        var last = await emailCodes.LastIssuedAtAsync(user.Id, EmailCodePurpose.StepUp, user.Id, cancellationToken);
        var wait = last is { } at ? options.Value.ResendInterval - (time.GetUtcNow() - at) : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            return TfaErrors.ResendTooSoon(wait);
        }

        await emailCodes.IssueAsync(user, EmailCodePurpose.StepUp, user.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
