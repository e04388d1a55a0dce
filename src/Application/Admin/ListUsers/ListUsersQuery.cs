using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.ListUsers;

/// <summary>Users, optionally filtered by email or name, paged, oldest first.</summary>
public sealed record ListUsersQuery(string? Query, int Page, int PageSize) : IRequest<Result<UserPage>>;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public const int MaxPageSize = 100;

    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithErrorCode("page.invalid").WithMessage("page starts at 1.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithErrorCode("page_size.invalid")
            .WithMessage($"page_size must be 1 to {MaxPageSize}.");
        RuleFor(q => q.Query).MaximumLength(254).WithErrorCode("query.too_long").WithMessage("query is too long.");
    }
}

public sealed class ListUsersQueryHandler(IAuthDbContext db) : IRequestHandler<ListUsersQuery, Result<UserPage>>
{
    public async Task<Result<UserPage>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            var upper = request.Query.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail.Contains(upper) || u.FullName.ToUpper().Contains(upper));
        }

        var total = await users.CountAsync(cancellationToken);
        var page = await users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .ToListAsync(cancellationToken);
        var keys = page.Select(u => u.NormalizedEmail).ToList();
        var throttles = await db.SignInThrottles.AsNoTracking().Where(t => keys.Contains(t.LoginKey))
            .ToDictionaryAsync(t => t.LoginKey, cancellationToken);

        var items = page.Select(u =>
        {
            throttles.TryGetValue(u.NormalizedEmail, out var throttle);
            return new UserSummaryDto(u.Id, u.Email, u.FullName, u.TfaEnabled, u.Roles.ToList(), u.CreatedAt, u.LastLoginAt,
                throttle?.ConsecutiveFailures ?? 0, throttle?.ThrottledUntil);
        }).ToList();
        return new UserPage(request.Page, request.PageSize, total, items);
    }
}
