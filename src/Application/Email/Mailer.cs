using Auth.Application.Common.Interfaces;
using Auth.Domain.Email;

namespace Auth.Application.Email;

/// <summary>
/// Queues an email in the outbox, inside the caller's unit of work: it is sent only if the change commits. The body
/// is stored encrypted, and erased when the secret it carries expires.
/// </summary>
public sealed class Mailer(IAuthDbContext db, OutboxBodies bodies, TimeProvider time)
{
    public void Queue(string to, EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var body = bodies.Seal(id, message.Body);
        db.OutboxMessages.Add(OutboxMessage.Create(id, to, message.Subject, body.KeyId, body.Ciphertext, now + message.SecretValidFor, now));
    }
}
