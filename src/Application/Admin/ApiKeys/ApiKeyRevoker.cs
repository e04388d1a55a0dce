using Auth.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.ApiKeys;

/// <summary>Keys do not outlive their creator's authority: disabling or demoting an administrator revokes the keys they made.</summary>
public sealed class ApiKeyRevoker(IAuthDbContext db, TimeProvider time)
{
    /// <returns>How many keys it revoked (in the caller's unit of work).</returns>
    public async Task<int> RevokeCreatedByAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var keys = await db.ApiKeys.Where(k => k.CreatedBy == userId && k.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            key.Revoke(now);
        }

        return keys.Count;
    }
}
