using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Email;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Emails;

/// <summary>Where an outbox message is: pending, retrying, sent or dead, with attempts and the last error. Never its body.</summary>
public sealed record EmailStatusDto(
    Guid Id, string To, string Subject, OutboxStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError);

public sealed record GetEmailStatusQuery(Guid MessageId) : IRequest<Result<EmailStatusDto>>;

/// <summary>Puts a dead message back in the queue.</summary>
public sealed record RetryEmailCommand(Guid? ActorId, Guid MessageId) : IRequest<Result<EmailStatusDto>>;

public static class EmailErrors
{
    public static readonly Error NotFound = Error.NotFound("email.not_found", "No such email message.");

    public static readonly Error NotDead = Error.Conflict("email.not_dead", "Only a dead message can be retried; this one is still being delivered or was sent.");
}

public sealed class EmailDeliveryHandlers(IAuthDbContext db, AuditTrail audit, TimeProvider time) :
    IRequestHandler<GetEmailStatusQuery, Result<EmailStatusDto>>,
    IRequestHandler<RetryEmailCommand, Result<EmailStatusDto>>
{
    public async Task<Result<EmailStatusDto>> Handle(GetEmailStatusQuery request, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MessageId, cancellationToken);
        return message is null ? EmailErrors.NotFound : ToDto(message);
    }

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
        audit.Success("admin.email_retried", null, message.Id.ToString(), request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(message);
    }

    private static EmailStatusDto ToDto(OutboxMessage m) =>
        new(m.Id, m.To, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError);
}
