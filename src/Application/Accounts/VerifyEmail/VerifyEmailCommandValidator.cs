using Auth.Application.Common.Security;
using FluentValidation;

namespace Auth.Application.Accounts.VerifyEmail;

public sealed class VerifyEmailCommandValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailCommandValidator()
    {
        RuleFor(c => c.Token).ValidLinkToken("verification");
    }
}
