using FluentValidation;

namespace Auth.Application.Admin.Users.ResetUserTfa;

public sealed class ResetUserTfaCommandValidator : AbstractValidator<ResetUserTfaCommand>
{
    public const int MaxReasonLength = 500;

    public ResetUserTfaCommandValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithErrorCode("reason.required").WithMessage("A reason is required.")
            .MaximumLength(MaxReasonLength).WithErrorCode("reason.too_long").WithMessage($"The reason must be at most {MaxReasonLength} characters.");
    }
}
