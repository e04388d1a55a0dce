using System.Linq.Expressions;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.Users.ListUsers;

/// <summary>
/// Users, oldest first; or, with <see cref="Query"/>, those whose address starts with it (in address order) and then
/// those whose name does (in name order); or, with <see cref="Contains"/> (where the database finds substrings), those
/// whose address or name has it anywhere, oldest first. By page number for the first <see cref="Keyset.MaxOffset"/>,
/// by <see cref="Cursor"/> anywhere.
/// </summary>
public sealed record ListUsersQuery(string? Query, int Page, int PageSize, string? Cursor = null, string? Contains = null)
    : IRequest<Result<UserPage>>;

public sealed class ListUsersQueryHandler(IAuthDbContext db) : IRequestHandler<ListUsersQuery, Result<UserPage>>
{
    public async Task<Result<UserPage>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        var (total, page, next) = !string.IsNullOrWhiteSpace(request.Query) ? await SearchAsync(request, cancellationToken)
            : !string.IsNullOrWhiteSpace(request.Contains) ? await ContainingAsync(Containing(request.Contains), request, cancellationToken)
            : await ListAsync(db.Users.AsNoTracking(), request, cancellationToken);

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

    /// <summary>
    /// Users whose address or name has <paramref name="text"/> anywhere: <c>LIKE '%…%'</c>, which a trigram index serves
    /// (the validator lets this through only where there is one).
    /// </summary>
    private static Expression<Func<User, bool>> Containing(string text)
    {
        static string Pattern(string text) =>
            "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
        var email = Pattern(EmailAddress.Normalize(text));
        var name = Pattern(User.NormalizeName(text));
        return u => EF.Functions.Like(u.NormalizedEmail, email, @"\") || EF.Functions.Like(u.NormalizedFullName, name, @"\");
    }

    /// <summary>
    /// How many users, in creation order, a substring search with more matches than it counts reads before it asks the
    /// trigram indexes instead.
    /// </summary>
    internal const int ContainingWalk = 25_000;

    /// <summary>
    /// A page of a substring search. The trigram indexes find every match (and every row sharing the text's trigrams),
    /// each of which the database then reads and sorts: cheap for a rare text, not for one with thousands of matches.
    /// So when the count passes <see cref="Keyset.MaxCounted"/>, the page is first looked for among the next
    /// <see cref="ContainingWalk"/> users in creation order, read by index and filtered, which stops as soon as the
    /// page is full; only if they do not fill it do the indexes answer. Both give the same page: the first matches in
    /// creation order.
    /// </summary>
    private async Task<(int Total, IReadOnlyList<User> Page, string? Next)> ContainingAsync(
        Expression<Func<User, bool>> matches, ListUsersQuery request, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        var total = await users.Where(matches).Take(Keyset.MaxCounted + 1).CountAsync(cancellationToken);
        var after = Keyset.TryDecode(request.Cursor);
        var walked = total > Keyset.MaxCounted
            ? await Fetch(InOrder(users, after).Take(ContainingWalk).Where(matches), request, after).ToListAsync(cancellationToken)
            : [];
        var fetched = walked.Count > request.PageSize ? walked
            : await Fetch(InOrder(users.Where(matches), after), request, after).ToListAsync(cancellationToken);
        var (page, next) = Keyset.Cut(fetched, request.PageSize, u => new Keyset(u.CreatedAt, u.Id));
        return (total, page, next);
    }

    private static async Task<(int Total, IReadOnlyList<User> Page, string? Next)> ListAsync(
        IQueryable<User> users, ListUsersQuery request, CancellationToken cancellationToken)
    {
        var total = await users.Take(Keyset.MaxCounted + 1).CountAsync(cancellationToken);
        var after = Keyset.TryDecode(request.Cursor);
        var fetched = await Fetch(InOrder(users, after), request, after).ToListAsync(cancellationToken);
        var (page, next) = Keyset.Cut(fetched, request.PageSize, u => new Keyset(u.CreatedAt, u.Id));
        return (total, page, next);
    }

    /// <summary>In creation order, from just after the cursor when there is one.</summary>
    private static IQueryable<User> InOrder(IQueryable<User> users, Keyset? after)
    {
        var ordered = users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id);
        // The leading range on CreatedAt alone is what lets every database seek the index instead of filtering a scan.
        return after is null ? ordered : ordered.Where(u => u.CreatedAt >= after.At && (u.CreatedAt > after.At || u.Id.CompareTo(after.Id) > 0));
    }

    /// <summary>The page and one more (to know whether there is a next), by offset when there is no cursor.</summary>
    private static IQueryable<User> Fetch(IQueryable<User> users, ListUsersQuery request, Keyset? after)
    {
        var ordered = users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id);
        return (after is null ? ordered.Skip((request.Page - 1) * request.PageSize) : ordered).Take(request.PageSize + 1);
    }

    /// <summary>
    /// Both parts of the results are read in the order of their own index, a page at a time, so a prefix that matches
    /// half the users costs what a narrow one does: nothing is sorted, and the count stops at <see cref="Keyset.MaxCounted"/>.
    /// </summary>
    private async Task<(int Total, IReadOnlyList<User> Page, string? Next)> SearchAsync(ListUsersQuery request, CancellationToken cancellationToken)
    {
        // Prefixes as ranges [prefix, prefix + U+FFFF): each one an index seek on a column in binary order.
        var email = EmailAddress.Normalize(request.Query!);
        var emailEnd = email + char.MaxValue;
        var name = User.NormalizeName(request.Query!);
        var nameEnd = name + char.MaxValue;
        var users = db.Users.AsNoTracking();
        var byAddress = users.Where(u => string.Compare(u.NormalizedEmail, email) >= 0 && string.Compare(u.NormalizedEmail, emailEnd) < 0);
        var nameRange = users.Where(u => string.Compare(u.NormalizedFullName, name) >= 0 && string.Compare(u.NormalizedFullName, nameEnd) < 0);
        // The name part leaves out whom the address part lists.
        var byName = nameRange.Where(u => !(string.Compare(u.NormalizedEmail, email) >= 0 && string.Compare(u.NormalizedEmail, emailEnd) < 0));

        // Counted in index order, so the database reads the index alone and stops at the cap.
        var total = await byAddress.OrderBy(u => u.NormalizedEmail).Take(Keyset.MaxCounted + 1).CountAsync(cancellationToken);
        if (total <= Keyset.MaxCounted)
        {
            // More names in range than the cap means more matches than the cap; otherwise the range is short enough to filter.
            var names = await nameRange.OrderBy(u => u.NormalizedFullName).ThenBy(u => u.Id).Take(Keyset.MaxCounted + 1).CountAsync(cancellationToken);
            total += names > Keyset.MaxCounted ? names : await byName.CountAsync(cancellationToken);
        }

        var addressOrder = byAddress.OrderBy(u => u.NormalizedEmail);
        var nameOrder = byName.OrderBy(u => u.NormalizedFullName).ThenBy(u => u.Id);
        var want = request.PageSize + 1;
        var after = TextKeyset.TryDecode(request.Cursor);
        List<User> fromAddress = [];
        List<User> fromName;
        if (after is { Part: (byte)SearchPart.Name })
        {
            fromName = await nameOrder
                .Where(u => string.Compare(u.NormalizedFullName, after.Key) >= 0
                    && (string.Compare(u.NormalizedFullName, after.Key) > 0 || u.Id.CompareTo(after.Id) > 0))
                .Take(want).ToListAsync(cancellationToken);
        }
        else
        {
            var offset = after is null ? (request.Page - 1) * request.PageSize : 0;
            fromAddress = after is null
                ? await addressOrder.Skip(offset).Take(want).ToListAsync(cancellationToken)
                : await addressOrder.Where(u => string.Compare(u.NormalizedEmail, after.Key) > 0).Take(want).ToListAsync(cancellationToken);

            // The address part ended on this page or before it: the page goes on into the name part.
            var addresses = fromAddress.Count > 0 || offset == 0
                ? offset + fromAddress.Count
                : await byAddress.Take(offset).CountAsync(cancellationToken);
            fromName = fromAddress.Count == want ? [] : await nameOrder.Skip(Math.Max(0, offset - addresses))
                .Take(want - fromAddress.Count).ToListAsync(cancellationToken);
        }

        var fetched = fromAddress.Select(u => new TextKeyset((byte)SearchPart.Address, u.NormalizedEmail, u.Id))
            .Concat(fromName.Select(u => new TextKeyset((byte)SearchPart.Name, u.NormalizedFullName, u.Id)))
            .Zip(fromAddress.Concat(fromName)).ToList();
        var (page, next) = Keyset.Cut(fetched, request.PageSize, f => f.First.Encode());
        return (total, page.Select(f => f.Second).ToList(), next);
    }
}
