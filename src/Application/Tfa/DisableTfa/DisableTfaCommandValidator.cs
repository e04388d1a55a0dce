using FluentValidation;

namespace Auth.Application.Tfa.DisableTfa;

public sealed class DisableTfaCommandValidator : AbstractValidator<DisableTfaCommand>
{
    public DisableTfaCommandValidator()
    {
        RuleFor(c => c.Password).NotEmpty().WithErrorCode("password.required").WithMessage("The password is required.")
            .MaximumLength(512).WithErrorCode("password.too_long").WithMessage("The password is too long.");
        RuleFor(c => c.Code).NotEmpty().OverridePropertyName("tfa_token").WithErrorCode("tfa_token.required").WithMessage("A code (tfa_token) is required.")
            .MaximumLength(64).WithErrorCode("tfa_token.too_long").WithMessage("The code must be at most 64 characters long.");
    }
}
