using FluentValidation;

namespace Auth.Application.Tfa.ConfirmTfa;

public sealed class ConfirmTfaCommandValidator : AbstractValidator<ConfirmTfaCommand>
{
    public ConfirmTfaCommandValidator()
    {
        RuleFor(c => c.Code).NotEmpty().OverridePropertyName("tfa_token").WithErrorCode("tfa_token.required").WithMessage("A code (tfa_token) is required.")
            .MaximumLength(16).WithErrorCode("tfa_token.too_long").WithMessage("The code must be at most 16 characters long.");
    }
}
