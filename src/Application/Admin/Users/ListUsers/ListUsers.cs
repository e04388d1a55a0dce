using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Users;
using Auth.Domain.Tfa;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.ListUsers;

/// <summary>Users, optionally filtered by email or name, paged, oldest first.</summary>
public sealed record ListUsersQuery(string? Query, int Page, int PageSize) : IRequest<Result<UserPage>>;

public sealed class ListUsersQueryHandler(IAuthDbContext db) : IRequestHandler<ListUsersQuery, Result<UserPage>>
{
    public async Task<Result<UserPage>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            var upper = request.Query.Trim().ToUpperInvariant();
            var email = EmailAddress.Normalize(request.Query);
            users = users.Where(u => u.NormalizedEmail.Contains(email) || u.FullName.ToUpper().Contains(upper));
        }

        var total = await users.CountAsync(cancellationToken);
        var page = await users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .ToListAsync(cancellationToken);
        var ids = page.Select(u => u.Id).ToList();
        var withTfa = (await db.Devices.Where(d => ids.Contains(d.UserId) && d.Status == DeviceStatus.Active)
            .Select(d => d.UserId).ToListAsync(cancellationToken)).ToHashSet();
        var passkeys = await db.Passkeys.Where(p => ids.Contains(p.UserId)).GroupBy(p => p.UserId)
            .Select(g => new { UserId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UserId, g => g.Count, cancellationToken);
        var keys = page.Select(u => u.NormalizedEmail).ToList();
        var throttles = await db.SignInThrottles.AsNoTracking().Where(t => keys.Contains(t.LoginKey))
            .ToDictionaryAsync(t => t.LoginKey, cancellationToken);

        var items = page.Select(u => UserSummaryDto.From(u, withTfa.Contains(u.Id), passkeys.GetValueOrDefault(u.Id), throttles.GetValueOrDefault(u.NormalizedEmail))).ToList();
        return new UserPage(request.Page, request.PageSize, total, items);
    }
}
