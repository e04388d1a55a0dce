using Auth.Application.Common.Security;
using Auth.Domain.Users;
using FluentValidation;

namespace Auth.Application.Auth.Signup;

public sealed class SignupCommandValidator : AbstractValidator<SignupCommand>
{
    public SignupCommandValidator(PasswordPolicy passwordPolicy)
    {
        ArgumentNullException.ThrowIfNull(passwordPolicy);
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.FullName)
            .NotEmpty().WithErrorCode("full_name.required").WithMessage("A full name is required.")
            .MaximumLength(User.MaxFullNameLength).WithErrorCode("full_name.too_long")
            .WithMessage($"The full name must be at most {User.MaxFullNameLength} characters long.");
        RuleFor(c => c.Password).SatisfiesPolicy(passwordPolicy, c => c.Email);
        RuleFor(c => c.DeviceType)
            .NotNull().When(c => c.TfaEnabled).WithErrorCode("device.required")
            .WithMessage("With tfa_enabled, a device {device_type: code_generator | email} is required.");
    }
}
