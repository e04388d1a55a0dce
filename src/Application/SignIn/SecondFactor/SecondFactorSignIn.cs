using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.SignIn.Attempts;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Levels;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.KnownDevices;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.SignIn.SecondFactor;

/// <summary>A two-step login that passed the preamble: its user, active device, open challenge and counted attempt.</summary>
public sealed record SecondFactorStep(User User, Device Device, TfaChallenge Challenge, SignInAttempt Attempt);

/// <summary>
/// What every second factor does around checking its secret (<c>login_tfa</c>, <c>recover_tfa</c>, and any later
/// factor): the same preamble before, and the same completion after.
/// </summary>
public sealed class SecondFactorSignIn(
    IAuthDbContext db,
    TfaDeviceService devices,
    SignInAttempts signIns,
    SignInPolicy policy,
    TimeProvider time)
{
    /// <summary>
    /// Loads the user and their active device, takes one try of the challenge (which must still belong to the
    /// account's current security stamp), asks the sign-in policy, then takes one account attempt. The challenge try
    /// comes first, so a dead pre-TFA token is a 401 whatever the account's state.
    /// </summary>
    public async Task<Result<SecondFactorStep>> BeginAsync(Guid userId, Guid challengeId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var challenge = user is null ? null : await TakeChallengeTryAsync(challengeId, user, cancellationToken);
        var device = challenge is null ? null : await devices.ActiveDeviceAsync(userId, cancellationToken);
        if (user is null || challenge is null || device is null)
        {
            return TfaErrors.ChallengeClosed;
        }

        if (policy.Refusal(user) is { } refusal)
        {
            return refusal;
        }

        // The same counter as the password step: the device's own when it came from a known device.
        var throttleKey = challenge.KnownDeviceId is { } deviceId ? KnownDevice.ThrottleKeyOf(deviceId) : user.NormalizedEmail;
        var begun = await signIns.BeginAsync(throttleKey, user.Id, AuditEventTypes.TfaFailed, cancellationToken);
        if (!begun.IsSuccess)
        {
            return begun.Error!;
        }

        var attempt = begun.Value;
        return await attempt.TakeSecondFactorTryAsync(user, cancellationToken)
            ? new SecondFactorStep(user, device, challenge, attempt)
            : await attempt.RefuseAsync(TfaErrors.SecondFactorLocked, TfaErrors.SecondFactorLocked.Code, cancellationToken);
    }

    /// <summary>
    /// The factor was proven: closes the challenge and finishes the sign-in with whatever the handler queued (audit
    /// events, emails, a spent backup token). If a parallel request spent the same secret first, the commit loses the
    /// race and the attempt fails with <paramref name="lostRace"/>; if the account changed, the challenge is closed.
    /// </summary>
    /// <param name="rememberDevice">The user asked that this device skip the second factor for a while.</param>
    public async Task<Result<CompletedSignIn>> CompleteAsync(
        SecondFactorStep step, SignInMethod method, CallerContext caller, bool rememberDevice, BrowserSignIn? browser, Error lostRace,
        string lostRaceEventType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(lostRace);
        step.Challenge.Close(time.GetUtcNow());
        var knownDevice = step.Challenge.KnownDeviceId is { } deviceId
            ? await db.KnownDevices.SingleOrDefaultAsync(d => d.Id == deviceId && d.UserId == step.User.Id, cancellationToken)
            : null;
        return await step.Attempt.SignInAsync(
            new ProvenSignIn(step.User, method, caller, knownDevice, rememberDevice, browser), cancellationToken, async () =>
            {
                // Either a parallel request spent the same secret first, or the account changed and closed the challenge.
                var closed = await db.TfaChallenges.AnyAsync(c => c.Id == step.Challenge.Id && c.CompletedAt != null, cancellationToken);
                return closed
                    ? await step.Attempt.RefuseAsync(TfaErrors.ChallengeClosed, TfaErrors.ChallengeClosed.Code, cancellationToken)
                    : await step.Attempt.FailAsync(lostRace, lostRace.Code, cancellationToken, lostRaceEventType);
            });
    }

    /// <summary>
    /// The challenge while it is open for this user: not completed, not expired, tries left, and begun under the
    /// account's current security stamp (a password change, disable or sign-out-everywhere ends it).
    /// </summary>
    public IQueryable<TfaChallenge> OpenChallenge(Guid challengeId, User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        return db.TfaChallenges.Where(c => c.Id == challengeId && c.UserId == user.Id && c.UserSecurityStamp == user.SecurityStamp
            && c.CompletedAt == null && c.ExpiresAt > now && c.Attempts < TfaChallenge.MaxAttempts);
    }

    /// <summary>
    /// Takes one try of the challenge with a single conditional UPDATE, committed before any code is checked: of N
    /// parallel requests at most the remaining tries get through, whatever the interleaving. Null when it is closed.
    /// </summary>
    private async Task<TfaChallenge?> TakeChallengeTryAsync(Guid challengeId, User user, CancellationToken cancellationToken)
    {
        var taken = await OpenChallenge(challengeId, user)
            .ExecuteUpdateAsync(setters => setters.SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
        return taken == 0 ? null : await db.TfaChallenges.SingleAsync(c => c.Id == challengeId, cancellationToken);
    }
}
