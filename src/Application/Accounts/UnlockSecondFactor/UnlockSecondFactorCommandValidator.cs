using Auth.Application.Common.Security;
using FluentValidation;

namespace Auth.Application.Accounts.UnlockSecondFactor;

public sealed class UnlockSecondFactorCommandValidator : AbstractValidator<UnlockSecondFactorCommand>
{
    public UnlockSecondFactorCommandValidator()
    {
        RuleFor(c => c.Token).ValidLinkToken("unlock");
    }
}
