using Auth.Application.Passkeys.Common;
using FluentValidation;

namespace Auth.Application.Passkeys.VerifyPasskeySecondFactor;

public sealed class VerifyPasskeySecondFactorCommandValidator : AbstractValidator<VerifyPasskeySecondFactorCommand>
{
    public VerifyPasskeySecondFactorCommandValidator()
    {
        RuleFor(c => c.CredentialJson).ValidPasskeyAnswer();
    }
}
