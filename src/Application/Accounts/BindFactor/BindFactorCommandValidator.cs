using FluentValidation;

namespace Auth.Application.Accounts.BindFactor;

public sealed class BindFactorCommandValidator : AbstractValidator<BindFactorCommand>
{
    public BindFactorCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithErrorCode("token.required").WithMessage("The confirmation token is required.")
            .MaximumLength(256).WithErrorCode("token.too_long").WithMessage("The confirmation token is too long.");
    }
}
