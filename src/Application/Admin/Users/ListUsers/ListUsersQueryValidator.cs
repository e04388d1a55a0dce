using Auth.Application.Common.Models;
using Auth.Application.Common.Security;
using FluentValidation;

namespace Auth.Application.Admin.Users.ListUsers;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public const int MaxPageSize = 100;

    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        // A cursor from a search goes on with the same search; one from the whole list, with the whole list.
        this.PagesBy(q => q.Page, q => q.PageSize, q => q.Cursor, (q, cursor) => string.IsNullOrWhiteSpace(q.Query)
            ? Keyset.TryDecode(cursor) is not null
            : TextKeyset.TryDecode(cursor) is { } keyset && Enum.IsDefined((SearchPart)keyset.Part));
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithErrorCode("page_size.invalid")
            .WithMessage($"page_size must be 1 to {MaxPageSize}.");
        RuleFor(q => q.Query).MaximumLength(254).WithErrorCode("query.too_long").WithMessage("query is too long.");
    }
}
