using Auth.Application.Common.Interfaces;
using Auth.Application.SignIn.Attempts;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.GetUser;

public sealed record GetUserQuery(Guid UserId) : IRequest<Result<UserSummaryDto>>;

public sealed class GetUserQueryHandler(IAuthDbContext db, TfaDeviceService devices, SignInThrottler throttler)
    : IRequestHandler<GetUserQuery, Result<UserSummaryDto>>
{
    public async Task<Result<UserSummaryDto>> Handle(GetUserQuery request, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var tfaEnabled = await devices.IsTfaEnabledAsync(user.Id, cancellationToken);
        var passkeys = await db.Passkeys.CountAsync(p => p.UserId == user.Id, cancellationToken);
        return UserSummaryDto.From(user, tfaEnabled, passkeys, await throttler.FindAsync(user.NormalizedEmail, cancellationToken));
    }
}
