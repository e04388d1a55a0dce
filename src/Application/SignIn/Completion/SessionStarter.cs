using Auth.Application.Auth.Common;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.Common.Security;
using Auth.Application.KnownDevices;
using Auth.Application.SignIn.Levels;
using Auth.Domain.KnownDevices;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.Completion;

/// <summary>
/// Opens a session for a user whose factors are proven, recognises the caller's device, and issues the first token
/// pair. The caller saves.
/// </summary>
public sealed class SessionStarter(
    IAuthDbContext db,
    IAccessTokenIssuer accessTokens,
    KnownDeviceRegistry knownDevices,
    IOptions<SessionOptions> options,
    TimeProvider time)
{
    /// <param name="device">The known device the caller presented, or null (a new one is recognised).</param>
    /// <param name="rememberDevice">The user asked that this device skip the second factor for a while.</param>
    public TokenPair Start(User user, SignInMethod method, CallerContext caller, KnownDevice? device, bool rememberDevice = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        var refreshToken = OpaqueToken.Create();
        var session = Session.Start(
            user.Id, method.Amr, caller.UserAgent, caller.IpAddress, refreshToken.Hash, options.Value.ToLifetime(), now);
        db.Sessions.Add(session);
        user.RecordLogin(now);

        var deviceToken = knownDevices.Recognize(user, device, caller, rememberDevice);
        var accessToken = accessTokens.Issue(user, session);
        return new TokenPair(accessToken.Token, refreshToken.Value, (int)accessTokens.Lifetime.TotalSeconds, deviceToken, session.Id, user.Id);
    }
}
