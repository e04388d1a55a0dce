using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.SetUserRoles;

/// <summary>Replaces a user's roles (the <c>user</c> role always stays).</summary>
public sealed record SetUserRolesCommand(Guid? ActorId, Guid UserId, IReadOnlyList<string> Roles) : IRequest<Result<IReadOnlyList<string>>>;

public sealed class SetUserRolesCommandHandler(IAuthDbContext db, AuditTrail audit)
    : IRequestHandler<SetUserRolesCommand, Result<IReadOnlyList<string>>>
{
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
