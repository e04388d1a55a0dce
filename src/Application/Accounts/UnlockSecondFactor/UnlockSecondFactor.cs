using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Accounts.UnlockSecondFactor;

/// <summary>
/// Lifts the lock on second-factor sign-in with the link from the lock email (<c>POST /auth/unlock_second_factor</c>,
/// the page <c>/account/unlock</c>): the mailbox proves the owner, as an administrator's unlock would. The token works once.
/// </summary>
public sealed record UnlockSecondFactorCommand(string Token) : IRequest<Result<Success>>
{
    public override string ToString() => nameof(UnlockSecondFactorCommand);
}

public sealed class UnlockSecondFactorCommandHandler(IAuthDbContext db, AccountTokens tokens, AuditTrail audit)
    : IRequestHandler<UnlockSecondFactorCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(UnlockSecondFactorCommand request, CancellationToken cancellationToken)
    {
        var token = await tokens.RedeemAsync(request.Token, AccountTokenPurpose.SecondFactorUnlock, cancellationToken);
        if (token is null)
        {
            return UserErrors.InvalidUnlockToken;
        }

        audit.Success(AuditEventTypes.SecondFactorUnlocked, token.UserId, "mailbox");
        try
        {
            // The token is spent first (its single use is a concurrency token); clearing the counter again is harmless.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UserErrors.InvalidUnlockToken;
        }

        await db.Users.Where(u => u.Id == token.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecondFactorFailures, 0), cancellationToken);
        return Success.Instance;
    }
}
