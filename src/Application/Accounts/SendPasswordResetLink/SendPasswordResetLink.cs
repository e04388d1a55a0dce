using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Accounts.SendPasswordResetLink;

/// <summary>Emails a reset link if an account has this address (queued forgot_password, or an administrator).</summary>
public sealed record SendPasswordResetLinkCommand(string Email) : IRequest<Result<Success>>;

public sealed class SendPasswordResetLinkCommandHandler(IAuthDbContext db, AccountLinks links)
    : IRequestHandler<SendPasswordResetLinkCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(SendPasswordResetLinkCommand request, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(request.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is not null)
        {
            await links.SendPasswordResetAsync(user, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Success.Instance;
    }
}
