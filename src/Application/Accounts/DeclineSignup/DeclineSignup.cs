using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Accounts.DeclineSignup;

/// <summary>
/// "This wasn't me" on the verification email (<c>POST /auth/verify_email/decline</c>): the mailbox's owner did not sign
/// up, so the never-verified account that names it is removed with everything in it (the audit trail keeps its events).
/// The token is the verification link's, and works once; a verified account is never removed this way.
/// </summary>
public sealed record DeclineSignupCommand(string Token) : IRequest<Result<Success>>
{
    public override string ToString() => nameof(DeclineSignupCommand);
}

public sealed class DeclineSignupCommandHandler(
    IAuthDbContext db, AccountTokens tokens, SessionRevoker sessions, AuditTrail audit, IClientRegistry clients)
    : IRequestHandler<DeclineSignupCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(DeclineSignupCommand request, CancellationToken cancellationToken)
    {
        var token = await tokens.RedeemAsync(request.Token, AccountTokenPurpose.EmailVerification, cancellationToken);
        var user = token is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
        if (user is null || user.IsEmailVerified)
        {
            return UserErrors.InvalidVerificationToken;
        }

        // Revoked as they go, so the registrant's access tokens are refused at once (and on other nodes after the sync).
        await sessions.SignOutAsync(user, SessionRevocationReason.EmailVerified, keepSessionId: null, cancellationToken);
        db.Users.Remove(user);
        audit.Success(AuditEventTypes.SignupDeclined, user.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UserErrors.InvalidVerificationToken;
        }

        await clients.RevokeAppTokensAsync(user.Id, cancellationToken);
        return Success.Instance;
    }
}
