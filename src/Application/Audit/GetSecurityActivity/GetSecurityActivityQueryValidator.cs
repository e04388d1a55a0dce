using Auth.Application.Common.Security;
using FluentValidation;

namespace Auth.Application.Audit.GetSecurityActivity;

public sealed class GetSecurityActivityQueryValidator : AbstractValidator<GetSecurityActivityQuery>
{
    public const int MaxPageSize = 100;

    public GetSecurityActivityQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithErrorCode("page_size.invalid")
            .WithMessage($"page_size must be 1 to {MaxPageSize}.");
    }
}
