using FluentValidation;

namespace Auth.Application.Accounts.VerifyEmail;

public sealed class VerifyEmailCommandValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithErrorCode("token.required").WithMessage("The verification token is required.")
            .MaximumLength(256).WithErrorCode("token.too_long").WithMessage("The verification token is too long.");
    }
}
