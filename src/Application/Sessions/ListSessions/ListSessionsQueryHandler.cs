using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Sessions.ListSessions;

public sealed class ListSessionsQueryHandler(IAuthDbContext db, IMapper mapper, TimeProvider time)
    : IRequestHandler<ListSessionsQuery, Result<IReadOnlyList<SessionDto>>>
{
    public async Task<Result<IReadOnlyList<SessionDto>>> Handle(ListSessionsQuery request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == request.Caller.UserId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastUsedAt)
            .ToListAsync(cancellationToken);

        return Result<IReadOnlyList<SessionDto>>.From(mapper.Map<List<SessionDto>>(
            sessions, o => o.Items[SessionProfile.CurrentSessionIdKey] = request.Caller.SessionId));
    }
}
