using System.Text.RegularExpressions;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Domain.Common;
using Auth.Domain.Email;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Testing.GetMailbox;

/// <summary>Test mode only: the messages sent to an address, newest first, with the codes and links they carry.</summary>
public sealed record GetMailboxQuery(string To) : IRequest<Result<IReadOnlyList<MailboxMessage>>>;

public sealed record MailboxMessage(
    Guid Id, string To, string Subject, string Body, DateTimeOffset CreatedAt, OutboxStatus Status,
    IReadOnlyList<string> Codes, IReadOnlyList<string> Links);

public sealed partial class GetMailboxQueryHandler(IAuthDbContext db, OutboxBodies bodies) : IRequestHandler<GetMailboxQuery, Result<IReadOnlyList<MailboxMessage>>>
{
    public async Task<Result<IReadOnlyList<MailboxMessage>>> Handle(GetMailboxQuery request, CancellationToken cancellationToken)
    {
        var to = request.To.Trim().ToUpperInvariant();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.To.ToUpper() == to).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<MailboxMessage>>.From(messages
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => (Message: m, Body: bodies.Open(m) ?? ""))
            .Select(m => new MailboxMessage(
                m.Message.Id, m.Message.To, m.Message.Subject, m.Body, m.Message.CreatedAt, m.Message.Status,
                SixDigitCode().Matches(m.Body).Select(x => x.Value).Distinct().ToList(),
                Link().Matches(m.Body).Select(x => x.Value).Distinct().ToList()))
            .ToList());
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigitCode();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
