using Auth.Application.Common.Interfaces;
using Auth.Domain.Passkeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Passkeys.Common;

/// <summary>What the browser needs to run a ceremony: its id (posted back with the answer) and the WebAuthn options.</summary>
public sealed record PasskeyCeremonyStarted(Guid CeremonyId, string OptionsJson)
{
    public override string ToString() => nameof(PasskeyCeremonyStarted);
}

/// <summary>Keeps each ceremony's state server-side and gives it back once, to the user, session or sign-in it began for.</summary>
public sealed class PasskeyCeremonies(IAuthDbContext db, IOptions<PasskeyOptions> options, TimeProvider time)
{
    /// <summary>Adds the ceremony to the unit of work; the caller saves.</summary>
    public PasskeyCeremonyStarted Begin(
        PasskeyCeremonyPurpose purpose, Guid? userId, Guid? boundTo, Guid? userSecurityStamp, CeremonyOptions ceremony)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        var started = PasskeyCeremony.Begin(
            purpose, userId, boundTo, userSecurityStamp, ceremony.State, options.Value.CeremonyLifetime, time.GetUtcNow());
        db.PasskeyCeremonies.Add(started);
        return new PasskeyCeremonyStarted(started.Id, ceremony.OptionsJson);
    }

    /// <summary>
    /// Takes the ceremony for good (a conditional DELETE, so of two parallel answers one gets it). Null when it is
    /// unknown, expired, already taken, or began for another purpose, user, binding or security stamp.
    /// </summary>
    public async Task<PasskeyCeremony?> TakeAsync(
        Guid id, PasskeyCeremonyPurpose purpose, Guid? userId, Guid? boundTo, Guid? userSecurityStamp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ceremony = await db.PasskeyCeremonies.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == id && c.Purpose == purpose && c.ExpiresAt > now, cancellationToken);
        if (ceremony is null || ceremony.UserId != userId || ceremony.BoundTo != boundTo || ceremony.UserSecurityStamp != userSecurityStamp)
        {
            return null;
        }

        var taken = await db.PasskeyCeremonies.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
        return taken == 1 ? ceremony : null;
    }
}
