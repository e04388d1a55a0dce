using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.ListUsers;

/// <summary>
/// Users, oldest first, optionally those whose address or name starts with <see cref="Query"/>; by page number for the
/// first <see cref="Keyset.MaxOffset"/>, by <see cref="Cursor"/> anywhere.
/// </summary>
public sealed record ListUsersQuery(string? Query, int Page, int PageSize, string? Cursor = null) : IRequest<Result<UserPage>>;

public sealed class ListUsersQueryHandler(IAuthDbContext db) : IRequestHandler<ListUsersQuery, Result<UserPage>>
{
    public async Task<Result<UserPage>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            // Prefixes as ranges [prefix, prefix + U+FFFF): each one an index seek on a column in binary order.
            var email = EmailAddress.Normalize(request.Query);
            var emailEnd = email + char.MaxValue;
            var name = User.NormalizeName(request.Query);
            var nameEnd = name + char.MaxValue;
            users = users.Where(u =>
                (string.Compare(u.NormalizedEmail, email) >= 0 && string.Compare(u.NormalizedEmail, emailEnd) < 0)
                || (string.Compare(u.NormalizedFullName, name) >= 0 && string.Compare(u.NormalizedFullName, nameEnd) < 0));
        }

        var total = await users.Take(Keyset.MaxCounted + 1).CountAsync(cancellationToken);
        var ordered = users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id);
        var after = Keyset.TryDecode(request.Cursor);
        var fetched = after is null
            ? await ordered.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize + 1).ToListAsync(cancellationToken)
            // The leading range on CreatedAt alone is what lets every database seek the index instead of filtering a scan.
            : await ordered.Where(u => u.CreatedAt >= after.At && (u.CreatedAt > after.At || u.Id.CompareTo(after.Id) > 0))
                .Take(request.PageSize + 1).ToListAsync(cancellationToken);
        var (page, next) = Keyset.Cut(fetched, request.PageSize, u => new Keyset(u.CreatedAt, u.Id));

        var ids = page.Select(u => u.Id).ToList();
        var withTfa = (await db.Devices.Where(d => ids.Contains(d.UserId) && d.Status == DeviceStatus.Active)
            .Select(d => d.UserId).ToListAsync(cancellationToken)).ToHashSet();
        var passkeys = await db.Passkeys.Where(p => ids.Contains(p.UserId)).GroupBy(p => p.UserId)
            .Select(g => new { UserId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UserId, g => g.Count, cancellationToken);
        var keys = page.Select(u => u.NormalizedEmail).ToList();
        var throttles = await db.SignInThrottles.AsNoTracking().Where(t => keys.Contains(t.LoginKey))
            .ToDictionaryAsync(t => t.LoginKey, cancellationToken);

        var items = page.Select(u => UserSummaryDto.From(u, withTfa.Contains(u.Id), passkeys.GetValueOrDefault(u.Id), throttles.GetValueOrDefault(u.NormalizedEmail))).ToList();
        return new UserPage(request.Page, request.PageSize, Math.Min(total, Keyset.MaxCounted), total > Keyset.MaxCounted, next, items);
    }
}
