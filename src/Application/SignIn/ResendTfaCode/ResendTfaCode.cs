using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.ResendTfaCode;

/// <summary>Emails a fresh sign-in code for a pending two-step login; the previous code stops working.</summary>
public sealed record ResendTfaCodeCommand(Guid UserId, Guid ChallengeId) : IRequest<Result<Success>>;

public sealed class ResendTfaCodeCommandHandler(
    IAuthDbContext db,
    TfaDeviceService devices,
    EmailCodeService emailCodes,
    IOptions<TfaOptions> options,
    TimeProvider time) : IRequestHandler<ResendTfaCodeCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ResendTfaCodeCommand request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var challenge = await db.TfaChallenges.SingleOrDefaultAsync(c => c.Id == request.ChallengeId && c.UserId == request.UserId, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (challenge is null || user is null || !challenge.IsOpen(now))
        {
            return TfaErrors.ChallengeClosed;
        }

        var device = await devices.ActiveDeviceAsync(user.Id, cancellationToken);
        if (device is not { Type: DeviceType.Email })
        {
            return TfaErrors.NotAnEmailDevice;
        }

        var recorded = challenge.RecordEmailCodeSent(now, options.Value.ResendInterval, options.Value.MaxResends);
        if (!recorded.IsSuccess)
        {
            return recorded;
        }

        await emailCodes.IssueAsync(user, EmailCodePurpose.SignIn, challenge.Id, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TfaErrors.ResendTooSoon(options.Value.ResendInterval);
        }

        return Success.Instance;
    }
}
