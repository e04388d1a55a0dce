using Auth.Domain.Users;
using FluentValidation;

namespace Auth.Application.Common.Security;

public static class ValidationRules
{
    /// <summary>The largest page number a listing accepts, so <c>(page - 1) * page_size</c> cannot overflow.</summary>
    public const int MaxPage = 100_000;

    public static IRuleBuilderOptions<T, int> ValidPage<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, MaxPage).WithErrorCode("page.invalid").WithMessage($"page must be 1 to {MaxPage}.");

    /// <summary>Only the shape of an address someone types to sign in or ask for a link: present, not too long.</summary>
    public static IRuleBuilderOptions<T, string> ValidLoginName<T>(this IRuleBuilder<T, string> rule) =>
        rule
            .NotEmpty().WithErrorCode("email.required").WithMessage("An email address is required.")
            .MaximumLength(EmailAddress.MaxLength).WithErrorCode("email.too_long")
            .WithMessage($"The email address must be at most {EmailAddress.MaxLength} characters long.");

    /// <summary>The token of an emailed link (verification, reset, binding, unlock): present and not too long.</summary>
    /// <param name="what">How the message names it, e.g. "verification".</param>
    public static IRuleBuilderOptions<T, string> ValidLinkToken<T>(this IRuleBuilder<T, string> rule, string what) =>
        rule
            .NotEmpty().WithErrorCode("token.required").WithMessage($"The {what} token is required.")
            .MaximumLength(256).WithErrorCode("token.too_long").WithMessage($"The {what} token is too long.");

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.ValidLoginName()
            .Must(e => EmailAddress.TryCreate(e, out _)).WithErrorCode("email.invalid")
            .WithMessage("The email address is not valid.");

    /// <summary>Applies <see cref="PasswordPolicy"/>; the message says which rule failed, never echoing the password.</summary>
    public static IRuleBuilderOptionsConditions<T, string> SatisfiesPolicy<T>(
        this IRuleBuilder<T, string> rule, PasswordPolicy policy, Func<T, string?> email) =>
        rule.Custom((password, context) =>
        {
            var error = policy.Check(password, email(context.InstanceToValidate));
            if (error is not null)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, error.Description)
                {
                    ErrorCode = error.Code,
                });
            }
        });
}
