using FluentValidation;

namespace Auth.Application.Accounts.UnlockSecondFactor;

public sealed class UnlockSecondFactorCommandValidator : AbstractValidator<UnlockSecondFactorCommand>
{
    public UnlockSecondFactorCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithErrorCode("token.required").WithMessage("The unlock token is required.")
            .MaximumLength(256).WithErrorCode("token.too_long").WithMessage("The unlock token is too long.");
    }
}
