using Auth.Application.Audit;
using Auth.Application.Auth.Throttling;
using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.UserAdministration;

/// <summary>Clears a user's sign-in throttle (e.g. after they proved who they are to the help desk).</summary>
public sealed record UnlockUserCommand(Guid? ActorId, Guid UserId) : IRequest<Result<Success>>;

/// <summary>Signs a user out everywhere.</summary>
public sealed record RevokeUserSessionsCommand(Guid? ActorId, Guid UserId) : IRequest<Result<Success>>;

/// <summary>Replaces a user's roles (the <c>user</c> role always stays).</summary>
public sealed record SetUserRolesCommand(Guid? ActorId, Guid UserId, IReadOnlyList<string> Roles) : IRequest<Result<IReadOnlyList<string>>>;

public sealed class SetUserRolesCommandValidator : AbstractValidator<SetUserRolesCommand>
{
    public SetUserRolesCommandValidator()
    {
        RuleForEach(c => c.Roles).Must(r => Roles.All.Contains(r)).WithErrorCode("roles.unknown")
            .WithMessage($"Known roles: {string.Join(", ", Roles.All)}.");
    }
}

public sealed class UserAdministrationHandlers(
    IAuthDbContext db,
    SignInThrottler throttler,
    SessionRevoker sessions,
    AuditTrail audit) :
    IRequestHandler<UnlockUserCommand, Result<Success>>,
    IRequestHandler<RevokeUserSessionsCommand, Result<Success>>,
    IRequestHandler<SetUserRolesCommand, Result<IReadOnlyList<string>>>
{
    public async Task<Result<Success>> Handle(UnlockUserCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        await throttler.ResetAsync(user.NormalizedEmail, cancellationToken);
        audit.Success(AuditEventTypes.ThrottleCleared, user.Id, actorId: request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }

    public async Task<Result<Success>> Handle(RevokeUserSessionsCommand request, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == request.UserId, cancellationToken))
        {
            return UserErrors.NotFound;
        }

        var revoked = await sessions.RevokeAllAsync(request.UserId, SessionRevocationReason.RevokedByAdmin, exceptSessionId: null, cancellationToken);
        audit.Success(AuditEventTypes.SessionsRevokedByAdmin, request.UserId, $"sessions:{revoked.Count}", request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        revoked.Publish();

        return Success.Instance;
    }

    public async Task<Result<IReadOnlyList<string>>> Handle(SetUserRolesCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        user.SetRoles(request.Roles);
        audit.Success(AuditEventTypes.RolesChanged, user.Id, string.Join(',', user.Roles), request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return Result<IReadOnlyList<string>>.From(user.Roles.ToList());
    }
}
