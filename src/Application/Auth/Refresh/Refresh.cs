using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Metrics;
using Auth.Application.Common.Models;
using Auth.Application.Common.Security;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Attempts;
using Auth.Application.SignIn.Completion;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Auth.Refresh;

public sealed record RefreshCommand(string RefreshToken, CallerContext Caller) : IRequest<Result<TokenPair>>
{
    public override string ToString() => nameof(RefreshCommand);
}

public sealed class RefreshCommandHandler(
    IAuthDbContext db,
    IAccessTokenIssuer accessTokens,
    SignInPolicy policy,
    AuditTrail audit,
    IOptions<SessionOptions> options,
    TimeProvider time) : IRequestHandler<RefreshCommand, Result<TokenPair>>
{
    public async Task<Result<TokenPair>> Handle(RefreshCommand request, CancellationToken cancellationToken)
    {
        var presentedHash = OpaqueToken.HashOf(request.RefreshToken);
        var presented = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == presentedHash, cancellationToken);
        if (presented is null)
        {
            return SessionErrors.InvalidRefreshToken;
        }

        var session = await db.Sessions.SingleAsync(s => s.Id == presented.SessionId, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == session.UserId, cancellationToken);
        if (user is null || policy.Refusal(user) is not null)
        {
            return SessionErrors.InvalidRefreshToken;
        }

        var now = time.GetUtcNow();
        var next = OpaqueToken.Create();
        var rotated = session.Rotate(presented, next.Hash, request.Caller.IpAddress, options.Value.ToLifetime(), now);
        if (!rotated.IsSuccess)
        {
            if (rotated.Error == SessionErrors.RefreshTokenReused)
            {
                audit.Failure(AuditEventTypes.RefreshTokenReuseDetected, user.Id, "session_revoked");
                AuthMetrics.GrantReplays.Add(1, new KeyValuePair<string, object?>("grant", "refresh_token"));
                await db.SaveChangesAsync(cancellationToken);
            }

            return rotated.Error!;
        }

        var accessToken = accessTokens.Issue(user, session);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A parallel request spent the same token first; exactly one exchange may win.
            return SessionErrors.InvalidRefreshToken;
        }

        AuthMetrics.TokensIssued.Add(1, new KeyValuePair<string, object?>("grant", "refresh_token"));
        return new TokenPair(accessToken.Token, next.Value, (int)accessTokens.Lifetime.TotalSeconds, SessionId: session.Id, UserId: user.Id);
    }
}
