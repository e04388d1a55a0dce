using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Audit.GetSecurityActivity;

/// <summary>The signed-in user's own recent security events, newest first.</summary>
public sealed record GetSecurityActivityQuery(Guid UserId, int Page, int PageSize) : IRequest<Result<SecurityActivityPage>>;

public sealed record SecurityActivityPage(int Page, int PageSize, int Total, IReadOnlyList<SecurityEventDto> Items);

/// <param name="ClientId">The app that acted for the user with its token, if one did.</param>
public sealed record SecurityEventDto(
    string Type, DateTimeOffset OccurredAt, AuditOutcome Outcome, string? Reason, string? IpAddress, string? UserAgent, string? ClientId);

public sealed class GetSecurityActivityQueryHandler(IAuthDbContext db) : IRequestHandler<GetSecurityActivityQuery, Result<SecurityActivityPage>>
{
    public async Task<Result<SecurityActivityPage>> Handle(GetSecurityActivityQuery request, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking().Where(e => e.UserId == request.UserId);
        var total = await events.CountAsync(cancellationToken);
        var items = await events
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(e => new SecurityEventDto(e.Type, e.OccurredAt, e.Outcome, e.Reason, e.ClientIp, e.UserAgent, e.ClientId))
            .ToListAsync(cancellationToken);
        return new SecurityActivityPage(request.Page, request.PageSize, total, items);
    }
}
