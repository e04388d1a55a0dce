using Auth.Application.Passkeys.Common;
using Auth.Domain.Passkeys;
using FluentValidation;

namespace Auth.Application.Passkeys.RegisterPasskey;

public sealed class RegisterPasskeyCommandValidator : AbstractValidator<RegisterPasskeyCommand>
{
    public RegisterPasskeyCommandValidator()
    {
        RuleFor(c => c.CredentialJson).ValidPasskeyAnswer();
        RuleFor(c => c.Name).MaximumLength(Passkey.MaxNameLength).WithErrorCode("name.too_long")
            .WithMessage($"A passkey's name has at most {Passkey.MaxNameLength} characters.");
    }
}
