using Auth.Application.Common.Security;
using FluentValidation;

namespace Auth.Application.Accounts.DeclineSignup;

public sealed class DeclineSignupCommandValidator : AbstractValidator<DeclineSignupCommand>
{
    public DeclineSignupCommandValidator()
    {
        RuleFor(c => c.Token).ValidLinkToken("verification");
    }
}
