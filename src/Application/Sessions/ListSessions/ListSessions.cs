using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions.ListSessions;

/// <summary>
/// The caller's active sessions, most recently used first, a page at a time (<see cref="Cursor"/>: where the last page
/// ended). A session used while the pages are read moves to the front: it was listed already, or is on page one again.
/// </summary>
public sealed record ListSessionsQuery(CurrentSession Caller, int PageSize = KeysetRules.MaxPageSize, string? Cursor = null)
    : IRequest<Result<CursorPage<SessionDto>>>;

public sealed class ListSessionsQueryValidator : AbstractValidator<ListSessionsQuery>
{
    public ListSessionsQueryValidator() => this.PagesByCursor(q => q.PageSize, q => q.Cursor, c => Keyset.TryDecode(c) is not null);
}

public sealed class ListSessionsQueryHandler(IAuthDbContext db, TimeProvider time)
    : IRequestHandler<ListSessionsQuery, Result<CursorPage<SessionDto>>>
{
    public async Task<Result<CursorPage<SessionDto>>> Handle(ListSessionsQuery request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = db.Sessions.Where(s => s.UserId == request.Caller.UserId && s.RevokedAt == null && s.ExpiresAt > now);
        if (Keyset.TryDecode(request.Cursor) is { } before)
        {
            active = active.Where(s => s.LastUsedAt <= before.At && (s.LastUsedAt < before.At || s.Id.CompareTo(before.Id) < 0));
        }

        var fetched = await SessionDto.Project(active.OrderByDescending(s => s.LastUsedAt).ThenByDescending(s => s.Id), request.Caller.SessionId)
            .Take(request.PageSize + 1).ToListAsync(cancellationToken);
        var (page, next) = Keyset.Cut(fetched, request.PageSize, s => new Keyset(s.LastUsedAt, s.Id));
        return new CursorPage<SessionDto>(page, next);
    }
}
