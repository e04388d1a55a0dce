using Auth.Application.Common.Interfaces;
using Auth.Application.KnownDevices;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions;

/// <summary>
/// Ends a user's sign-ins inside the caller's unit of work: every session (or every other one) is revoked for good,
/// every open two-factor challenge is closed (its pre-TFA token stops working), remembered devices ask for the second
/// factor again, and sign-ins still in flight fail
/// to commit (<see cref="User.InvalidateSignIns"/>). Once the caller commits, the unit of work publishes the
/// revocations to this node's cache; other nodes follow within the sync interval (ADR 0002).
/// </summary>
public sealed class SessionRevoker(IAuthDbContext db, KnownDeviceRegistry knownDevices, TimeProvider time)
{
    /// <returns>How many sessions it ended.</returns>
    public async Task<int> SignOutAsync(User user, SessionRevocationReason reason, Guid? keepSessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        user.InvalidateSignIns();
        await knownDevices.ForgetAllAsync(user.Id, cancellationToken);
        foreach (var challenge in await db.TfaChallenges.Where(c => c.UserId == user.Id && c.CompletedAt == null).ToListAsync(cancellationToken))
        {
            challenge.Close(now);
        }

        var sessions = await db.Sessions
            .Where(s => s.UserId == user.Id && s.RevokedAt == null && (keepSessionId == null || s.Id != keepSessionId))
            .ToListAsync(cancellationToken);
        foreach (var session in sessions)
        {
            session.Revoke(reason, now);
        }

        return sessions.Count;
    }
}
