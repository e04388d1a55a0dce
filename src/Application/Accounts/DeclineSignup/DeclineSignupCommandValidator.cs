using FluentValidation;

namespace Auth.Application.Accounts.DeclineSignup;

public sealed class DeclineSignupCommandValidator : AbstractValidator<DeclineSignupCommand>
{
    public DeclineSignupCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithErrorCode("token.required").WithMessage("The verification token is required.")
            .MaximumLength(256).WithErrorCode("token.too_long").WithMessage("The verification token is too long.");
    }
}
