using Auth.Domain.ApiKeys;
using Auth.Domain.Users;
using FluentValidation;

namespace Auth.Application.Admin.ApiKeys.CreateApiKey;

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator(TimeProvider time)
    {
        RuleFor(c => c.Name).NotEmpty().WithErrorCode("name.required").WithMessage("A name is required.")
            .MaximumLength(ApiKey.MaxNameLength).WithErrorCode("name.too_long").WithMessage($"The name must be at most {ApiKey.MaxNameLength} characters.");
        RuleFor(c => c.Roles).NotEmpty().WithErrorCode("roles.required").WithMessage("At least one role is required.");
        RuleForEach(c => c.Roles).Must(r => Roles.All.Contains(r)).WithErrorCode("roles.unknown")
            .WithMessage($"Known roles: {string.Join(", ", Roles.All)}.");
        RuleFor(c => c.ExpiresAt).Must(e => e is null || e > time.GetUtcNow()).WithErrorCode("expires_at.past")
            .WithMessage("expires_at must be in the future.");
    }
}
