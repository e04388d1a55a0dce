using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Auth.Domain.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.ResetPassword;

public sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator(PasswordPolicy passwordPolicy, IAuthDbContext db)
    {
        ArgumentNullException.ThrowIfNull(passwordPolicy);
        RuleFor(c => c.Token).ValidLinkToken("reset");
        RuleFor(c => c.NewPassword).CustomAsync(async (password, context, cancellationToken) =>
        {
            var token = context.InstanceToValidate.Token;
            var hash = OpaqueToken.HashOf(token ?? "");
            var email = await db.AccountTokens.Where(t => t.TokenHash == hash && t.Purpose == AccountTokenPurpose.PasswordReset)
                .Join(db.Users, t => t.UserId, u => u.Id, (_, u) => u.Email)
                .SingleOrDefaultAsync(cancellationToken);
            var error = passwordPolicy.Check(password, email);
            if (error is not null)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, error.Description) { ErrorCode = error.Code });
            }
        });
    }
}
