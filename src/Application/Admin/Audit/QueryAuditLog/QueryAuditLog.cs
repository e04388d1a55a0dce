using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Audit.QueryAuditLog;

/// <summary>The audit log for administrators, filtered by user, event type and time, newest first.</summary>
public sealed record QueryAuditLogQuery(
    Guid? UserId, string? Type, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize, string? Cursor = null)
    : IRequest<Result<AuditLogPage>>;

public sealed record AuditEntryDto(
    Guid Id, string Type, DateTimeOffset OccurredAt, Guid? UserId, Guid? ActorId, Domain.Audit.AuditOutcome Outcome,
    string? Reason, string? IpAddress, string? UserAgent, string? ClientId);

/// <summary>A page of the log; <see cref="Total"/> counts at most <see cref="Keyset.MaxCounted"/> (then <see cref="TotalIsCapped"/>).</summary>
public sealed record AuditLogPage(int Page, int PageSize, int Total, bool TotalIsCapped, string? NextCursor, IReadOnlyList<AuditEntryDto> Items);

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

        var total = await events.Take(Keyset.MaxCounted + 1).CountAsync(cancellationToken);
        var ordered = events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id);
        var before = Keyset.TryDecode(request.Cursor);
        var page = before is null
            ? ordered.Skip((request.Page - 1) * request.PageSize)
            : ordered.Where(e => e.OccurredAt <= before.At && (e.OccurredAt < before.At || e.Id.CompareTo(before.Id) < 0));
        var fetched = await page.Take(request.PageSize + 1)
            .Select(e => new AuditEntryDto(e.Id, e.Type, e.OccurredAt, e.UserId, e.ActorId, e.Outcome, e.Reason, e.ClientIp, e.UserAgent, e.ClientId))
            .ToListAsync(cancellationToken);
        var (items, next) = Keyset.Cut(fetched, request.PageSize, e => new Keyset(e.OccurredAt, e.Id));
        return new AuditLogPage(request.Page, request.PageSize, Math.Min(total, Keyset.MaxCounted), total > Keyset.MaxCounted, next, items);
    }
}
