using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.Common.Security;
using Auth.Application.Tfa.Common;
using Auth.Domain.KnownDevices;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.KnownDevices;

/// <summary>Finds the known device a caller's device token names, and recognises devices at completed sign-ins.</summary>
public sealed class KnownDeviceRegistry(IAuthDbContext db, IOptions<TfaOptions> tfaOptions, TimeProvider time)
{
    private const int MaxTokenLength = 128;

    /// <summary>The user's known device named by <paramref name="token"/>; null for no token, an unknown one, or another user's.</summary>
    public async Task<KnownDevice?> FindAsync(string? token, Guid userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var hash = OpaqueToken.HashOf(token);
        return await db.KnownDevices.SingleOrDefaultAsync(d => d.TokenHash == hash && d.UserId == userId, cancellationToken);
    }

    /// <summary>
    /// At a completed sign-in (in its unit of work): records the device's use, or recognises a new device and returns
    /// its token, handed to the caller this once. With <paramref name="remember"/>, the device skips the second factor
    /// for Tfa:RememberDeviceLifetime (never when that is zero).
    /// </summary>
    public string? Recognize(User user, KnownDevice? device, CallerContext caller, bool remember)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        string? issued = null;
        if (device is null)
        {
            var token = OpaqueToken.Create();
            device = KnownDevice.Recognize(user.Id, token.Hash, caller.UserAgent, now);
            db.KnownDevices.Add(device);
            issued = token.Value;
        }
        else
        {
            device.RecordUse(now);
        }

        var lifetime = tfaOptions.Value.RememberDeviceLifetime;
        if (remember && lifetime > TimeSpan.Zero)
        {
            device.Remember(now + lifetime);
        }

        return issued;
    }

    /// <summary>Every remembered device of the user asks for the second factor again (in the caller's unit of work).</summary>
    public async Task ForgetAllAsync(Guid userId, CancellationToken cancellationToken)
    {
        foreach (var device in await db.KnownDevices.Where(d => d.UserId == userId && d.RememberedUntil != null).ToListAsync(cancellationToken))
        {
            device.Forget();
        }
    }
}
