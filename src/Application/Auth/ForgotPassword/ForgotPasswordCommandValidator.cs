using Auth.Domain.Users;
using FluentValidation;

namespace Auth.Application.Auth.ForgotPassword;

public sealed class ForgotPasswordCommandValidator : AbstractValidator<ForgotPasswordCommand>
{
    public ForgotPasswordCommandValidator()
    {
        RuleFor(c => c.Email)
            .NotEmpty().WithErrorCode("email.required").WithMessage("An email address is required.")
            .MaximumLength(EmailAddress.MaxLength).WithErrorCode("email.too_long")
            .WithMessage($"The email address must be at most {EmailAddress.MaxLength} characters long.");
    }
}
