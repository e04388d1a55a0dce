using FluentValidation;

namespace Auth.Application.Audit.GetSecurityActivity;

public sealed class GetSecurityActivityQueryValidator : AbstractValidator<GetSecurityActivityQuery>
{
    public const int MaxPageSize = 100;

    public GetSecurityActivityQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithErrorCode("page.invalid").WithMessage("page starts at 1.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithErrorCode("page_size.invalid")
            .WithMessage($"page_size must be 1 to {MaxPageSize}.");
    }
}
