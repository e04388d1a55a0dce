using Auth.Application.Audit.GetSecurityActivity;
using Auth.Application.Common.Models;
using Auth.Application.Common.Security;
using FluentValidation;

namespace Auth.Application.Admin.Audit.QueryAuditLog;

public sealed class QueryAuditLogQueryValidator : AbstractValidator<QueryAuditLogQuery>
{
    public QueryAuditLogQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        this.PagesBy(q => q.Page, q => q.PageSize, q => q.Cursor);
        RuleFor(q => q.PageSize).InclusiveBetween(1, GetSecurityActivityQueryValidator.MaxPageSize).WithErrorCode("page_size.invalid")
            .WithMessage($"page_size must be 1 to {GetSecurityActivityQueryValidator.MaxPageSize}.");
        RuleFor(q => q.Type).MaximumLength(64).WithErrorCode("type.too_long").WithMessage("type is too long.");
    }
}
