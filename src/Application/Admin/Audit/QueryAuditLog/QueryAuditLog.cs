using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Audit.QueryAuditLog;

/// <summary>The audit log for administrators, filtered by user, event type and time, newest first.</summary>
public sealed record QueryAuditLogQuery(Guid? UserId, string? Type, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize)
    : IRequest<Result<AuditLogPage>>;

public sealed record AuditEntryDto(
    Guid Id, string Type, DateTimeOffset OccurredAt, Guid? UserId, Guid? ActorId, Domain.Audit.AuditOutcome Outcome,
    string? Reason, string? IpAddress, string? UserAgent, string? ClientId);

public sealed record AuditLogPage(int Page, int PageSize, int Total, IReadOnlyList<AuditEntryDto> Items);

public sealed class QueryAuditLogQueryHandler(IAuthDbContext db) : IRequestHandler<QueryAuditLogQuery, Result<AuditLogPage>>
{
    public async Task<Result<AuditLogPage>> Handle(QueryAuditLogQuery request, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (request.UserId is { } userId)
        {
            events = events.Where(e => e.UserId == userId);
        }

        if (!string.IsNullOrWhiteSpace(request.Type))
        {
            events = events.Where(e => e.Type == request.Type);
        }

        if (request.From is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }

        if (request.To is { } to)
        {
            events = events.Where(e => e.OccurredAt < to);
        }

        var total = await events.CountAsync(cancellationToken);
        var items = await events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(e => new AuditEntryDto(e.Id, e.Type, e.OccurredAt, e.UserId, e.ActorId, e.Outcome, e.Reason, e.ClientIp, e.UserAgent, e.ClientId))
            .ToListAsync(cancellationToken);
        return new AuditLogPage(request.Page, request.PageSize, total, items);
    }
}
