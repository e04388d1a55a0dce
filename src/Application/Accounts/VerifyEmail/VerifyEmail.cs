using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Accounts.VerifyEmail;

/// <summary>
/// Proves the mailbox with the emailed link's token (<c>POST /auth/verify_email</c>); the token works once. As the first
/// proof of the mailbox it ends what the registrant set up before it (<see cref="FirstMailboxProof"/>).
/// </summary>
public sealed record VerifyEmailCommand(string Token) : IRequest<Result<Success>>
{
    public override string ToString() => nameof(VerifyEmailCommand);
}

public sealed class VerifyEmailCommandHandler(IAuthDbContext db, AccountTokens tokens, FirstMailboxProof firstProof)
    : IRequestHandler<VerifyEmailCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(VerifyEmailCommand request, CancellationToken cancellationToken)
    {
        var token = await tokens.RedeemAsync(request.Token, AccountTokenPurpose.EmailVerification, cancellationToken);
        if (token is null)
        {
            return UserErrors.InvalidVerificationToken;
        }

        var user = await db.Users.SingleAsync(u => u.Id == token.UserId, cancellationToken);
        await firstProof.ApplyAsync(user, "verification_link", cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UserErrors.InvalidVerificationToken;
        }

        return Success.Instance;
    }
}
