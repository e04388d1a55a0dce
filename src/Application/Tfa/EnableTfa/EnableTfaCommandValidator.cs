using FluentValidation;

namespace Auth.Application.Tfa.EnableTfa;

public sealed class EnableTfaCommandValidator : AbstractValidator<EnableTfaCommand>
{
    public EnableTfaCommandValidator()
    {
        RuleFor(c => c.DeviceType).NotNull().IsInEnum().WithErrorCode("device_type.invalid").WithMessage("device_type must be code_generator or email.");
    }
}
