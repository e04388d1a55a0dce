using Auth.Application.Audit;
using Auth.Application.Accounts.SendPasswordResetLink;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.SendPasswordReset;

/// <summary>Sends the user a password-reset email. An administrator never sets or sees a password.</summary>
public sealed record SendPasswordResetCommand(Guid? ActorId, Guid UserId) : IRequest<Result<Success>>;

public sealed class SendPasswordResetCommandHandler(IAuthDbContext db, IMediator mediator, AuditTrail audit)
    : IRequestHandler<SendPasswordResetCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(SendPasswordResetCommand request, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == request.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (email is null)
        {
            return UserErrors.NotFound;
        }

        // Recorded in this unit of work, which the reset request below commits.
        audit.Success(AuditEventTypes.PasswordResetSentByAdmin, request.UserId, actorId: request.ActorId);
        return await mediator.Send(new SendPasswordResetLinkCommand(email), cancellationToken);
    }
}
