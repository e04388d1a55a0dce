using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.Attempts;

/// <summary>
/// One failure counter per login name for every factor. An attempt is counted <em>before</em> it is evaluated, as
/// a failure, by a compare-and-swap UPDATE committed at once (the counter moves from the value read, or the request
/// reads again); the attempt that reaches the threshold sets the waiting time in that same UPDATE. So parallel
/// requests cannot get more attempts evaluated than the policy allows (the flaw behind ZITADEL's lockout advisory).
/// A success resets the counter. It is keyed by the normalised email, so an unknown email is throttled like an account.
/// Handlers do not call it: they go through <see cref="SignIn.SignInAttempts"/>, which also audits.
/// </summary>
public sealed class SignInThrottler(IAuthDbContext db, IOptions<ThrottleOptions> options, TimeProvider time)
{
    public ThrottlePolicy Policy => options.Value.ToPolicy();

    /// <summary>
    /// Counts one attempt for <paramref name="loginKey"/> and returns the consecutive failures it counted (this one
    /// included), or says how long to wait. It commits on its own (a first attempt creates the counter), so call it
    /// before the command changes anything else.
    /// </summary>
    public async Task<Result<int>> TakeAttemptAsync(string loginKey, CancellationToken cancellationToken)
    {
        await EnsureCounterAsync(loginKey, cancellationToken);
        var policy = Policy;
        for (var round = 0; round < MaxRounds; round++)
        {
            var now = time.GetUtcNow();
            var current = await db.SignInThrottles.AsNoTracking().SingleAsync(t => t.LoginKey == loginKey, cancellationToken);
            if (current.IsThrottled(now))
            {
                return UserErrors.Throttled(Ceiling(current.ThrottledUntil!.Value - now));
            }

            var observed = current.ConsecutiveFailures;
            var counted = observed + 1;
            var until = policy.ThrottledUntil(counted, now);
            var taken = await db.SignInThrottles
                .Where(t => t.LoginKey == loginKey && t.ConsecutiveFailures == observed && (t.ThrottledUntil == null || t.ThrottledUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsecutiveFailures, counted).SetProperty(t => t.ThrottledUntil, until)
                    .SetProperty(t => t.LastAttemptAt, now), cancellationToken);
            if (taken == 1)
            {
                return counted;
            }
        }

        // Heavy contention on one name is itself a sign of an attack: answer as throttled.
        return UserErrors.Throttled(policy.BaseDelay);
    }

    private const int MaxRounds = 20;

    private static TimeSpan Ceiling(TimeSpan wait) => TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));

    /// <summary>
    /// Gives back an attempt that proved a right password for a user who still owes the second factor: it was no
    /// failure, but the counter is not reset either, or re-logging in would buy unlimited code guesses.
    /// </summary>
    public Task RefundAsync(string loginKey, CancellationToken cancellationToken) =>
        db.SignInThrottles.Where(t => t.LoginKey == loginKey && t.ConsecutiveFailures > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsecutiveFailures, t => t.ConsecutiveFailures - 1)
                .SetProperty(t => t.ThrottledUntil, (DateTimeOffset?)null), cancellationToken);

    /// <summary>
    /// A completed sign-in's reset, written by the caller's next save with the sign-in itself (one write transaction):
    /// the counter starts again, whatever parallel tries counted meanwhile (as <see cref="ResetAsync"/>).
    /// </summary>
    public void ResetWithNextSave(string loginKey)
    {
        var counter = db.SignInThrottles.Attach(SignInThrottle.For(loginKey));
        counter.Property(t => t.ConsecutiveFailures).IsModified = true;
        counter.Property(t => t.ThrottledUntil).IsModified = true;
    }

    /// <summary>A completed sign-in, a password reset or an administrator's unlock.</summary>
    public Task ResetAsync(string loginKey, CancellationToken cancellationToken) =>
        db.SignInThrottles.Where(t => t.LoginKey == loginKey)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsecutiveFailures, 0).SetProperty(t => t.ThrottledUntil, (DateTimeOffset?)null), cancellationToken);

    public Task<SignInThrottle?> FindAsync(string loginKey, CancellationToken cancellationToken) =>
        db.SignInThrottles.AsNoTracking().SingleOrDefaultAsync(t => t.LoginKey == loginKey, cancellationToken);

    private async Task EnsureCounterAsync(string loginKey, CancellationToken cancellationToken)
    {
        if (await db.SignInThrottles.AnyAsync(t => t.LoginKey == loginKey, cancellationToken))
        {
            return;
        }

        var counter = SignInThrottle.For(loginKey);
        db.SignInThrottles.Add(counter);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A parallel request created it first; that is all we needed.
        }
        finally
        {
            db.SignInThrottles.Entry(counter).State = EntityState.Detached;
        }
    }
}
