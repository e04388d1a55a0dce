using Auth.Application.Common.Security;
using FluentValidation;

namespace Auth.Application.Accounts.ResendVerification;

public sealed class ResendVerificationCommandValidator : AbstractValidator<ResendVerificationCommand>
{
    public ResendVerificationCommandValidator() => RuleFor(c => c.Email).ValidLoginName();
}
