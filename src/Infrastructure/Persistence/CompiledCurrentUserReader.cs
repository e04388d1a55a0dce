using Auth.Application.Users;
using Auth.Domain.Tfa;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// <see cref="UserDto.Project"/> for one user, compiled once for the process (EF recompiles it per model, so per
/// provider). A compiled query cannot call the helper, so the projection is spelled out here; a test compares the two.
/// </summary>
public sealed class CompiledCurrentUserReader(AuthDbContext db) : ICurrentUserReader
{
    private static readonly Func<AuthDbContext, Guid, CancellationToken, Task<UserDto?>> Query = EF.CompileAsyncQuery(
        (AuthDbContext context, Guid userId, CancellationToken _) => context.Users.Where(u => u.Id == userId)
            .Select(u => new UserDto(
                u.Id, u.Email, u.EmailVerifiedAt != null, u.FullName,
                context.Devices.Any(d => d.UserId == u.Id && d.Status == DeviceStatus.Active), u.CreatedAt))
            .SingleOrDefault());

    public Task<UserDto?> FindAsync(Guid userId, CancellationToken cancellationToken) => Query(db, userId, cancellationToken);
}
