using Auth.Application.Audit.GetSecurityActivity;
using FluentValidation;

namespace Auth.Application.Admin.Audit.QueryAuditLog;

public sealed class QueryAuditLogQueryValidator : AbstractValidator<QueryAuditLogQuery>
{
    public QueryAuditLogQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithErrorCode("page.invalid").WithMessage("page starts at 1.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, GetSecurityActivityQueryValidator.MaxPageSize).WithErrorCode("page_size.invalid")
            .WithMessage($"page_size must be 1 to {GetSecurityActivityQueryValidator.MaxPageSize}.");
        RuleFor(q => q.Type).MaximumLength(64).WithErrorCode("type.too_long").WithMessage("type is too long.");
    }
}
