using FluentValidation;

namespace Auth.Application.SignIn.RedeemBackupToken;

public sealed class RedeemBackupTokenCommandValidator : AbstractValidator<RedeemBackupTokenCommand>
{
    public RedeemBackupTokenCommandValidator()
    {
        RuleFor(c => c.BackupToken).NotEmpty().OverridePropertyName("tfa_backup_token").WithErrorCode("tfa_backup_token.required")
            .WithMessage("A backup token (tfa_backup_token) is required.")
            .MaximumLength(64).WithErrorCode("tfa_backup_token.too_long").WithMessage("The backup token must be at most 64 characters long.");
    }
}
