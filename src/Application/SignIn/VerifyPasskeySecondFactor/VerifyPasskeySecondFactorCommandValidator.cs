using Auth.Application.Passkeys.Common;
using FluentValidation;

namespace Auth.Application.SignIn.VerifyPasskeySecondFactor;

public sealed class VerifyPasskeySecondFactorCommandValidator : AbstractValidator<VerifyPasskeySecondFactorCommand>
{
    public VerifyPasskeySecondFactorCommandValidator()
    {
        RuleFor(c => c.CredentialJson).ValidPasskeyAnswer();
    }
}
