using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.Common.Security;
using Auth.Application.Tfa.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Microsoft.Extensions.Options;

namespace Auth.Application.Auth.Common;

/// <summary>Opens a session for a user whose factors are proven and issues its first token pair. The caller saves.</summary>
public sealed class SessionStarter(
    IAuthDbContext db,
    IAccessTokenIssuer accessTokens,
    IOptions<SessionOptions> options,
    TimeProvider time)
{
    public TokenPair Start(User user, SignInMethod method, ClientContext client)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        var refreshToken = OpaqueToken.Create();
        var session = Session.Start(
            user.Id, method.Amr, client.UserAgent, client.IpAddress, refreshToken.Hash, options.Value.ToLifetime(), now);
        db.Sessions.Add(session);
        user.RecordLogin(now);

        var accessToken = accessTokens.Issue(user, session);
        return new TokenPair(accessToken.Token, refreshToken.Value, (int)accessTokens.Lifetime.TotalSeconds);
    }
}
