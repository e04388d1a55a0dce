using FluentValidation;

namespace Auth.Application.Passkeys.Common;

public static class PasskeyValidation
{
    /// <summary>A browser's answer (an attestation with its certificates included) fits easily; anything longer is refused unread.</summary>
    public const int MaxCredentialJsonLength = 16 * 1024;

    public static IRuleBuilderOptions<T, string> ValidPasskeyAnswer<T>(this IRuleBuilder<T, string> rule) =>
        rule
            .NotEmpty().WithErrorCode("credential.required").WithMessage("The browser's passkey answer is missing.")
            .MaximumLength(MaxCredentialJsonLength).WithErrorCode("credential.too_long").WithMessage("The passkey answer is too long.");
}
