using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.SignIn.Attempts;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.UnlockUser;

/// <summary>Clears a user's sign-in throttle and second-factor lock (e.g. after they proved who they are to the help desk).</summary>
public sealed record UnlockUserCommand(Guid? ActorId, Guid UserId) : IRequest<Result<Success>>;

public sealed class UnlockUserCommandHandler(IAuthDbContext db, SignInThrottler throttler, AuditTrail audit)
    : IRequestHandler<UnlockUserCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(UnlockUserCommand request, CancellationToken cancellationToken)
    {
        var loginKey = await db.Users.Where(u => u.Id == request.UserId).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(cancellationToken);
        if (loginKey is null)
        {
            return UserErrors.NotFound;
        }

        await throttler.ResetAsync(loginKey, cancellationToken);
        await db.Users.Where(u => u.Id == request.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecondFactorFailures, 0), cancellationToken);
        audit.Success(AuditEventTypes.ThrottleCleared, request.UserId, actorId: request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
