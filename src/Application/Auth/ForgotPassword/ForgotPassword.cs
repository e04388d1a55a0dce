using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Auth.Application.Email;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Auth.ForgotPassword;

/// <summary>Emails a reset link if the account exists. The answer is the same either way.</summary>
public sealed record ForgotPasswordCommand(string Email) : IRequest<Result<Success>>;

public sealed class ForgotPasswordCommandHandler(
    IAuthDbContext db,
    Mailer mailer,
    AuditTrail audit,
    IOptions<PasswordResetOptions> options,
    TimeProvider time) : IRequestHandler<ForgotPasswordCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ForgotPasswordCommand request, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(request.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);

        // The same work either way (a token is made, the outbox is written asynchronously), so neither the answer
        // nor its timing tells whether the account exists.
        var token = OpaqueToken.Create();
        if (user is null)
        {
            return Success.Instance;
        }

        var now = time.GetUtcNow();
        foreach (var previous in await db.PasswordResetTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).ToListAsync(cancellationToken))
        {
            previous.Invalidate(now);
        }

        var settings = options.Value;
        db.PasswordResetTokens.Add(PasswordResetToken.Issue(user.Id, token.Hash, settings.TokenLifetime, now));
        var link = $"{settings.LinkBase}?token={Uri.EscapeDataString(token.Value)}";
        mailer.Queue(user.Email, EmailMessages.PasswordResetLink(link, settings.TokenLifetime));
        audit.Success(AuditEventTypes.PasswordResetRequested, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
