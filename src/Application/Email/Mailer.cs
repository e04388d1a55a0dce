using Auth.Application.Common.Interfaces;
using Auth.Domain.Email;

namespace Auth.Application.Email;

/// <summary>Queues an email in the outbox, inside the caller's unit of work: it is sent only if the change commits.</summary>
public sealed class Mailer(IAuthDbContext db, TimeProvider time)
{
    public void Queue(string to, (string Subject, string Body) message) =>
        db.OutboxMessages.Add(OutboxMessage.Create(to, message.Subject, message.Body, time.GetUtcNow()));
}
