using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Accounts.SendVerificationLink;

/// <summary>Emails a new verification link if an account has this address and has not verified it yet.</summary>
public sealed record SendVerificationLinkCommand(string Email) : IRequest<Result<Success>>;

public sealed class SendVerificationLinkCommandHandler(IAuthDbContext db, AccountLinks links)
    : IRequestHandler<SendVerificationLinkCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(SendVerificationLinkCommand request, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(request.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is { IsEmailVerified: false })
        {
            await links.SendVerificationAsync(user, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Success.Instance;
    }
}
