using Auth.Application.Passkeys.Common;
using FluentValidation;

namespace Auth.Application.SignIn.SignInWithPasskey;

public sealed class SignInWithPasskeyCommandValidator : AbstractValidator<SignInWithPasskeyCommand>
{
    public SignInWithPasskeyCommandValidator()
    {
        RuleFor(c => c.CredentialJson).ValidPasskeyAnswer();
    }
}
