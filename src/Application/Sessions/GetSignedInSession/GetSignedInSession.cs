using Auth.Application.Common.Interfaces;
using Auth.Application.SignIn.Attempts;
using Auth.Application.SignIn.Levels;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions.GetSignedInSession;

/// <summary>
/// Who a browser session or an OpenID Connect token speaks for, read fresh: the session must still be active and the
/// account still allowed to sign in. Used on every hosted page, every authorization and every token refresh.
/// </summary>
public sealed record GetSignedInSessionQuery(CurrentSession Session) : IRequest<Result<SignedInSession>>;

/// <summary>
/// What tokens and pages say about a signed-in user: identity, roles, how and when the session began, and which levels
/// signing in again could reach (only bound factors count: see <c>FactorBinding</c>).
/// </summary>
public sealed record SignedInSession(
    Guid UserId,
    Guid SessionId,
    string Email,
    bool EmailVerified,
    string FullName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> AuthenticationMethods,
    DateTimeOffset AuthenticatedAt,
    DateTimeOffset ExpiresAt,
    bool HasBoundSecondFactor,
    bool HasBoundPasskey)
{
    public string AuthenticationLevel => AuthenticationLevels.Of(AuthenticationMethods);
}

public sealed class GetSignedInSessionQueryHandler(IAuthDbContext db, SignInPolicy policy, TimeProvider time)
    : IRequestHandler<GetSignedInSessionQuery, Result<SignedInSession>>
{
    public async Task<Result<SignedInSession>> Handle(GetSignedInSessionQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (userId, sessionId) = (request.Session.UserId, request.Session.SessionId);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        var user = session is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (session is null || user is null || !session.IsActive(time.GetUtcNow()) || policy.Refusal(user) is not null)
        {
            return SessionErrors.InvalidRefreshToken;
        }

        return await SignedInSessionOfAsync(db, user, session, cancellationToken);
    }

    internal static async Task<SignedInSession> SignedInSessionOfAsync(
        IAuthDbContext db, Domain.Users.User user, Session session, CancellationToken cancellationToken) => new(
        user.Id, session.Id, user.Email, user.IsEmailVerified, user.FullName, user.Roles.ToList(), session.AuthenticationMethodList,
        session.CreatedAt, session.ExpiresAt,
        await db.Devices.AnyAsync(d => d.UserId == user.Id && d.Status == Domain.Tfa.DeviceStatus.Active && d.BoundAt != null, cancellationToken),
        await db.Passkeys.AnyAsync(p => p.UserId == user.Id && p.BoundAt != null, cancellationToken));
}
