using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.ChangePassword;

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator(PasswordPolicy passwordPolicy, IAuthDbContext db)
    {
        ArgumentNullException.ThrowIfNull(passwordPolicy);
        RuleFor(c => c.CurrentPassword)
            .NotEmpty().WithErrorCode("current_password.required").WithMessage("The current password is required.")
            .Must(p => p.Length <= passwordPolicy.MaxLength * 4).WithErrorCode("current_password.too_long")
            .WithMessage($"The password must be at most {passwordPolicy.MaxLength} characters long.");

        RuleFor(c => c.NewPassword).CustomAsync(async (password, context, cancellationToken) =>
        {
            var userId = context.InstanceToValidate.Caller.UserId;
            var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
            var error = passwordPolicy.Check(password, email);
            if (error is not null)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, error.Description)
                {
                    ErrorCode = error.Code,
                });
            }
        });
    }
}
