using Auth.Application.Common.Interfaces;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users;

/// <summary>
/// The deployment keeps an enabled administrator: disabling or demoting the last one would leave only the command line
/// to recover with, so both are refused (<c>admin.last_administrator</c>).
/// </summary>
public static class LastAdministrator
{
    public static async Task<bool> IsAsync(IAuthDbContext db, User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        return user.Roles.Contains(Roles.Admin) && !user.IsDisabled
            && !await db.Users.AnyAsync(u => u.Id != user.Id && u.DisabledAt == null && u.Roles.Contains(Roles.Admin), cancellationToken);
    }
}
