using System.Linq.Expressions;
using Auth.Domain.Email;

namespace Auth.Application.Admin.Emails;

/// <summary>Where an outbox message is: pending, retrying, sent or dead, with attempts and the last error. Never its body.</summary>
public sealed record EmailStatusDto(
    Guid Id, string To, string Subject, OutboxStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError)
{
    public static readonly Expression<Func<OutboxMessage, EmailStatusDto>> Projection = m =>
        new EmailStatusDto(m.Id, m.To, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError);

    private static readonly Func<OutboxMessage, EmailStatusDto> FromMessage = Projection.Compile();

    public static EmailStatusDto From(OutboxMessage message) => FromMessage(message);
}
