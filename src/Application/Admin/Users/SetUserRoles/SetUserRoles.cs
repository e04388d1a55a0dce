using Auth.Application.Admin.ApiKeys;
using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Application.SignIn.StepUp;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.SetUserRoles;

/// <summary>
/// Replaces a user's roles (the <c>user</c> role always stays). A change ends the user's sessions, so no token keeps the
/// old roles; demoting an administrator also revokes the API keys they created.
/// </summary>
/// <param name="Caller">The administrator's own session, which must be freshly authenticated (or send the password);
/// null only for the operator's command line.</param>
public sealed record SetUserRolesCommand(CurrentSession? Caller, Guid UserId, IReadOnlyList<string> Roles, string? Password = null)
    : IRequest<Result<IReadOnlyList<string>>>
{
    public override string ToString() => nameof(SetUserRolesCommand);
}

public sealed class SetUserRolesCommandHandler(
    IAuthDbContext db,
    Reauthentication reauthentication,
    SessionRevoker sessions,
    ApiKeyRevoker apiKeys,
    AuditTrail audit) : IRequestHandler<SetUserRolesCommand, Result<IReadOnlyList<string>>>
{
    public async Task<Result<IReadOnlyList<string>>> Handle(SetUserRolesCommand request, CancellationToken cancellationToken)
    {
        if (request.Caller is { } caller)
        {
            var actor = await db.Users.SingleOrDefaultAsync(u => u.Id == caller.UserId, cancellationToken);
            var fresh = actor is null ? UserErrors.NotFound : await reauthentication.RequireAsync(actor, caller, request.Password, cancellationToken);
            if (!fresh.IsSuccess)
            {
                return fresh.Error!;
            }
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        if (!request.Roles.Contains(Roles.Admin) && await LastAdministrator.IsAsync(db, user, cancellationToken))
        {
            return UserErrors.LastAdministrator;
        }

        var before = user.Roles.ToList();
        user.SetRoles(request.Roles);
        if (!before.SequenceEqual(user.Roles))
        {
            await sessions.SignOutAsync(user, SessionRevocationReason.RolesChanged, keepSessionId: null, cancellationToken);
        }

        if (before.Contains(Roles.Admin) && !user.Roles.Contains(Roles.Admin))
        {
            await apiKeys.RevokeCreatedByAsync(user.Id, cancellationToken);
        }

        audit.Success(AuditEventTypes.RolesChanged, user.Id, string.Join(',', user.Roles), request.Caller?.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return Result<IReadOnlyList<string>>.From(user.Roles.ToList());
    }
}
