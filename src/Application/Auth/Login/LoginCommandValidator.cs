using Auth.Application.Common.Security;
using Auth.Domain.Users;
using FluentValidation;

namespace Auth.Application.Auth.Login;

/// <summary>Only shape checks: a well-formed but wrong credential must get the same 401 as any other.</summary>
public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator(PasswordPolicy passwordPolicy)
    {
        ArgumentNullException.ThrowIfNull(passwordPolicy);
        RuleFor(c => c.Email)
            .NotEmpty().WithErrorCode("email.required").WithMessage("An email address is required.")
            .MaximumLength(EmailAddress.MaxLength).WithErrorCode("email.too_long")
            .WithMessage($"The email address must be at most {EmailAddress.MaxLength} characters long.");
        RuleFor(c => c.Password)
            .NotEmpty().WithErrorCode("password.required").WithMessage("A password is required.")
            .Must(p => p.Length <= passwordPolicy.MaxLength * 4).WithErrorCode("password.too_long")
            .WithMessage($"The password must be at most {passwordPolicy.MaxLength} characters long.");
    }
}
