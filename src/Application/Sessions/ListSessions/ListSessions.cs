using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions.ListSessions;

public sealed record ListSessionsQuery(CurrentSession Caller) : IRequest<Result<IReadOnlyList<SessionDto>>>;

public sealed class ListSessionsQueryHandler(IAuthDbContext db, TimeProvider time)
    : IRequestHandler<ListSessionsQuery, Result<IReadOnlyList<SessionDto>>>
{
    public async Task<Result<IReadOnlyList<SessionDto>>> Handle(ListSessionsQuery request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = db.Sessions
            .Where(s => s.UserId == request.Caller.UserId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastUsedAt);
        return Result<IReadOnlyList<SessionDto>>.From(
            await SessionDto.Project(active, request.Caller.SessionId).ToListAsync(cancellationToken));
    }
}
