using FluentValidation;

namespace Auth.Application.Auth.Refresh;

public sealed class RefreshCommandValidator : AbstractValidator<RefreshCommand>
{
    public const int MaxTokenLength = 256;

    public RefreshCommandValidator()
    {
        RuleFor(c => c.RefreshToken)
            .NotEmpty().WithErrorCode("refresh_token.required").WithMessage("A refresh token is required.")
            .MaximumLength(MaxTokenLength).WithErrorCode("refresh_token.too_long")
            .WithMessage($"The refresh token must be at most {MaxTokenLength} characters long.");
    }
}
