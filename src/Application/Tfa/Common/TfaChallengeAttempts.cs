using Auth.Application.Common.Interfaces;
using Auth.Domain.Tfa;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Tfa.Common;

public sealed class TfaChallengeAttempts(IAuthDbContext db, TimeProvider time)
{
    /// <summary>
    /// Takes one attempt of the challenge with a single conditional UPDATE, committed before any code is checked:
    /// of N parallel requests at most the remaining attempts get through, whatever the interleaving. This is the one
    /// deliberate write outside the command's unit of work. Null when the challenge is closed.
    /// </summary>
    public async Task<TfaChallenge?> TakeAttemptAsync(Guid challengeId, Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var taken = await db.TfaChallenges
            .Where(c => c.Id == challengeId && c.UserId == userId && c.CompletedAt == null
                && c.ExpiresAt > now && c.Attempts < TfaChallenge.MaxAttempts)
            .ExecuteUpdateAsync(setters => setters.SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
        return taken == 0 ? null : await db.TfaChallenges.SingleAsync(c => c.Id == challengeId, cancellationToken);
    }
}
