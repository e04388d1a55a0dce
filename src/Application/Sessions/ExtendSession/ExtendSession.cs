using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions.GetSignedInSession;
using Auth.Application.SignIn.Attempts;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Sessions.ExtendSession;

/// <summary>
/// A client used the session (an OpenID Connect refresh): it must still be active and the account allowed to sign in;
/// then the session slides as a refresh through the API would, within its absolute end.
/// </summary>
public sealed record ExtendSessionCommand(CurrentSession Session, string? IpAddress) : IRequest<Result<SignedInSession>>;

public sealed class ExtendSessionCommandHandler(IAuthDbContext db, SignInPolicy policy, IOptions<SessionOptions> options, TimeProvider time)
    : IRequestHandler<ExtendSessionCommand, Result<SignedInSession>>
{
    public async Task<Result<SignedInSession>> Handle(ExtendSessionCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (userId, sessionId) = (request.Session.UserId, request.Session.SessionId);
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        var user = session is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var now = time.GetUtcNow();
        if (session is null || user is null || policy.Refusal(user) is not null || !session.Extend(request.IpAddress, options.Value.ToLifetime(), now))
        {
            return SessionErrors.InvalidRefreshToken;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Revoked or rotated meanwhile: read it again rather than overwrite a revocation.
            db.DiscardChanges();
            return await new GetSignedInSessionQueryHandler(db, policy, time).Handle(new GetSignedInSessionQuery(request.Session), cancellationToken);
        }

        return await GetSignedInSessionQueryHandler.SignedInSessionOfAsync(db, user, session, cancellationToken);
    }
}
