using Auth.Application.Common.Security;
using FluentValidation;

namespace Auth.Application.Accounts.BindFactor;

public sealed class BindFactorCommandValidator : AbstractValidator<BindFactorCommand>
{
    public BindFactorCommandValidator()
    {
        RuleFor(c => c.Token).ValidLinkToken("confirmation");
    }
}
