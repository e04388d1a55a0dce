using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Email;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Emails.RetryEmail;

/// <summary>Puts a dead message back in the queue.</summary>
public sealed record RetryEmailCommand(Guid? ActorId, Guid MessageId) : IRequest<Result<EmailStatusDto>>;

public sealed class RetryEmailCommandHandler(IAuthDbContext db, AuditTrail audit, TimeProvider time)
    : IRequestHandler<RetryEmailCommand, Result<EmailStatusDto>>
{
    public async Task<Result<EmailStatusDto>> Handle(RetryEmailCommand request, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == request.MessageId, cancellationToken);
        if (message is null)
        {
            return EmailErrors.NotFound;
        }

        if (message.Status != OutboxStatus.Dead)
        {
            return EmailErrors.NotDead;
        }

        message.Requeue(time.GetUtcNow());
        audit.Success(AuditEventTypes.EmailRetried, null, message.Id.ToString(), request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return EmailStatusDto.From(message);
    }
}
