using Auth.Domain.ApiKeys;
using FluentValidation;

namespace Auth.Application.Admin.ApiKeys.CreateApiKey;

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator(TimeProvider time)
    {
        RuleFor(c => c.Name).NotEmpty().WithErrorCode("name.required").WithMessage("A name is required.")
            .MaximumLength(ApiKey.MaxNameLength).WithErrorCode("name.too_long").WithMessage($"The name must be at most {ApiKey.MaxNameLength} characters.");
        RuleFor(c => c.Scopes).NotEmpty().WithErrorCode("scopes.required").WithMessage("At least one scope is required.");
        RuleForEach(c => c.Scopes).Must(s => ApiKeyScopes.All.Contains(s)).WithErrorCode("scopes.unknown")
            .WithMessage($"Known scopes: {string.Join(", ", ApiKeyScopes.All)}.");
        RuleFor(c => c.ExpiresAt).Must(e => e is null || e > time.GetUtcNow()).WithErrorCode("expires_at.past")
            .WithMessage("expires_at must be in the future.");
    }
}
