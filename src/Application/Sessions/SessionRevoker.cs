using Auth.Application.Common.Interfaces;
using Auth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions;

/// <summary>
/// Signs a user out of every session (or every other one) inside the caller's unit of work. The caller commits,
/// then calls <see cref="RevokedSessions.Publish"/> so this node rejects the sessions' access tokens at once
/// (other nodes follow within the sync interval; see ADR 0002).
/// </summary>
public sealed class SessionRevoker(IAuthDbContext db, IRevokedSessionCache cache, TimeProvider time)
{
    public async Task<RevokedSessions> RevokeAllAsync(
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

        return new RevokedSessions(sessions.Select(s => s.Id).ToList(), now, cache);
    }
}

public sealed class RevokedSessions(IReadOnlyList<Guid> sessionIds, DateTimeOffset revokedAt, IRevokedSessionCache cache)
{
    public int Count => sessionIds.Count;

    /// <summary>After the commit: this node stops accepting the sessions' access tokens.</summary>
    public void Publish()
    {
        foreach (var id in sessionIds)
        {
            cache.Add(id, revokedAt);
        }
    }
}
