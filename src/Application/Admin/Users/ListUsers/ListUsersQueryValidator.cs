using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.Common.Security;
using FluentValidation;

namespace Auth.Application.Admin.Users.ListUsers;

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public const int MaxPageSize = 100;

    /// <summary>A trigram index finds three characters or more.</summary>
    public const int MinContainsLength = 3;

    public ListUsersQueryValidator(IAuthDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        RuleFor(q => q.Page).ValidPage();
        // A cursor from a prefix search goes on with the same search; one from the whole list (or a substring search, which
        // keeps its order), with that list.
        this.PagesBy(q => q.Page, q => q.PageSize, q => q.Cursor, (q, cursor) => string.IsNullOrWhiteSpace(q.Query)
            ? Keyset.TryDecode(cursor) is not null
            : TextKeyset.TryDecode(cursor) is { } keyset && Enum.IsDefined((SearchPart)keyset.Part));
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithErrorCode("page_size.invalid")
            .WithMessage($"page_size must be 1 to {MaxPageSize}.");
        RuleFor(q => q.Query).MaximumLength(254).WithErrorCode("query.too_long").WithMessage("query is too long.");
        RuleFor(q => q.Contains).Cascade(CascadeMode.Stop)
            .Must(_ => db.FindsSubstrings).WithErrorCode("contains.unsupported")
            .WithMessage("This database searches by the start of an address or a name only: send query instead (contains needs PostgreSQL).")
            .Must(c => string.IsNullOrWhiteSpace(c) || c.Trim().Length >= MinContainsLength).WithErrorCode("contains.too_short")
            .WithMessage($"contains needs at least {MinContainsLength} characters.")
            .MaximumLength(254).WithErrorCode("contains.too_long").WithMessage("contains is too long.")
            .Must((q, _) => string.IsNullOrWhiteSpace(q.Query)).WithErrorCode("contains.with_query").WithMessage("Send either query or contains, not both.")
            .When(q => q.Contains is not null);
    }
}
