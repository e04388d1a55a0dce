using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Metrics;
using Auth.Application.Common.Models;
using Auth.Application.Common.Security;
using Auth.Application.KnownDevices;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Levels;
using Auth.Domain.Audit;
using Auth.Domain.KnownDevices;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.Completion;

/// <summary>A sign-in whose proof is enough: who, how (the methods proven, which give its level), and from where.</summary>
/// <param name="KnownDevice">The known device the caller presented, or null (a new one is recognised).</param>
/// <param name="RememberDevice">The user asked that this device skip the second factor for a while.</param>
/// <param name="Browser">Set when a browser signs in on the hosted pages.</param>
public sealed record ProvenSignIn(
    User User, SignInMethod Method, CallerContext Caller, KnownDevice? KnownDevice, bool RememberDevice = false, BrowserSignIn? Browser = null);

/// <summary>
/// A browser signing in on the hosted pages: it holds its session in a cookie, so no access or refresh token is issued
/// for it, and the session it held before (<paramref name="Replaces"/>, whoever's it was) ends with this sign-in.
/// </summary>
public sealed record BrowserSignIn(CurrentSession? Replaces);

/// <summary>A finished sign-in: the session it opened, a newly recognised device's token, and (JSON API only) the token pair.</summary>
public sealed record CompletedSignIn(Guid UserId, Guid SessionId, DateTimeOffset ExpiresAt, string? DeviceToken, TokenPair? Tokens)
{
    public override string ToString() => $"{nameof(CompletedSignIn)} {{ SessionId = {SessionId} }}";
}

/// <summary>
/// The one way a sign-in finishes, whichever door it came through (JSON API, hosted pages, and through them OpenID
/// Connect) and whatever it proved: opens a session at the level the proven methods give, records the sign-in,
/// recognises the caller's device, ends the session a browser held before, and issues the JSON API's first token
/// pair. Only <see cref="Attempts.SignInAttempt.SignInAsync"/> calls it, and commits; an architecture test checks
/// that no other code opens a session.
/// </summary>
public sealed class SignInCompletion(
    IAuthDbContext db,
    IAccessTokenIssuer accessTokens,
    KnownDeviceRegistry knownDevices,
    AuditTrail audit,
    IOptions<SessionOptions> options,
    TimeProvider time)
{
    public async Task<CompletedSignIn> CompleteAsync(ProvenSignIn proof, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var (user, method, caller) = (proof.User, proof.Method, proof.Caller);
        var now = time.GetUtcNow();
        var refreshToken = OpaqueToken.Create();
        var session = Session.Start(user.Id, method.Amr, caller.UserAgent, caller.IpAddress, refreshToken.Hash, options.Value.ToLifetime(), now);
        db.Sessions.Add(session);
        user.RecordLogin(now);
        audit.Success(AuditEventTypes.LoginSucceeded, user.Id, method.AuditName);
        var deviceToken = knownDevices.Recognize(user, proof.KnownDevice, caller, proof.RememberDevice);
        if (proof.Browser is { Replaces: { } previous })
        {
            await EndAsync(previous, now, cancellationToken);
        }

        var tokens = proof.Browser is null
            ? new TokenPair(accessTokens.Issue(user, session).Token, refreshToken.Value, (int)accessTokens.Lifetime.TotalSeconds, deviceToken, session.Id, user.Id)
            : null;
        if (tokens is not null)
        {
            AuthMetrics.TokensIssued.Add(1, new KeyValuePair<string, object?>("grant", "sign_in"));
        }

        return new CompletedSignIn(user.Id, session.Id, session.ExpiresAt, deviceToken, tokens);
    }

    /// <summary>A browser holds one session: the one it signed in with before is signed out, as its sign-out button would.</summary>
    private async Task EndAsync(CurrentSession previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(
            s => s.Id == previous.SessionId && s.UserId == previous.UserId && s.RevokedAt == null, cancellationToken);
        if (session is not null)
        {
            session.Revoke(SessionRevocationReason.Logout, now);
            audit.Success(AuditEventTypes.SessionRevoked, session.UserId, "logout");
        }
    }
}
