using Auth.Application.Common.Interfaces;
using Auth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions;

/// <summary>
/// Signs a user out of every session (or every other one) inside the caller's unit of work. Once the caller commits,
/// the unit of work publishes the revocations to this node's cache (other nodes follow within the sync interval;
/// see ADR 0002). Returns how many sessions it ended.
/// </summary>
public sealed class SessionRevoker(IAuthDbContext db, TimeProvider time)
{
    public async Task<int> RevokeAllAsync(
        Guid userId, SessionRevocationReason reason, Guid? exceptSessionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessions = await db.Sessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && (exceptSessionId == null || s.Id != exceptSessionId))
            .ToListAsync(cancellationToken);
        foreach (var session in sessions)
        {
            session.Revoke(reason, now);
        }

        return sessions.Count;
    }
}
