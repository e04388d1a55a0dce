using Auth.Application.Common.Security;
using FluentValidation;

namespace Auth.Application.SignIn.Login;

/// <summary>Only shape checks: a well-formed but wrong credential must get the same 401 as any other.</summary>
public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator(PasswordPolicy passwordPolicy)
    {
        ArgumentNullException.ThrowIfNull(passwordPolicy);
        // A login name that is not an email address is refused here, before a throttle counter is written for it.
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Password)
            .NotEmpty().WithErrorCode("password.required").WithMessage("A password is required.")
            .Must(p => p.Length <= passwordPolicy.MaxLength * 4).WithErrorCode("password.too_long")
            .WithMessage($"The password must be at most {passwordPolicy.MaxLength} characters long.");
    }
}
