using System.Text;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Microsoft.Extensions.Options;

namespace Auth.Application.Common.Security;

/// <summary>
/// NIST SP 800-63B memorized-secret rules: a length range counted in code points after NFKC normalisation,
/// no composition rules, and a block-list of common passwords and of the account's own email name.
/// </summary>
public sealed class PasswordPolicy(IOptions<PasswordPolicyOptions> options, ICommonPasswordList commonPasswords)
{
    /// <summary>A local part shorter than this would forbid too many passwords (e.g. "a@example.com").</summary>
    private const int MinEmailNameLengthToCheck = 3;

    private readonly PasswordPolicyOptions _options = options.Value;

    public int MinLength => _options.MinLength;

    public int MaxLength => _options.MaxLength;

    public static string Normalize(string password) => password.Normalize(NormalizationForm.FormKC);

    /// <summary>The first rule the password breaks, or null when it is acceptable.</summary>
    public Error? Check(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password))
        {
            return PasswordErrors.Required;
        }

        if (password.Length > _options.MaxLength * 4)
        {
            return PasswordErrors.TooLong(_options.MaxLength);
        }

        var normalized = Normalize(password);
        var length = normalized.EnumerateRunes().Count();
        if (length < _options.MinLength)
        {
            return PasswordErrors.TooShort(_options.MinLength);
        }

        if (length > _options.MaxLength)
        {
            return PasswordErrors.TooLong(_options.MaxLength);
        }

        if (commonPasswords.Contains(normalized))
        {
            return PasswordErrors.TooCommon;
        }

        var at = email?.LastIndexOf('@') ?? -1;
        if (at >= MinEmailNameLengthToCheck)
        {
            var localPart = Normalize(email![..at]);
            if (normalized.Contains(localPart, StringComparison.OrdinalIgnoreCase))
            {
                return PasswordErrors.ContainsEmail;
            }
        }

        return null;
    }
}

public static class PasswordErrors
{
    public static readonly Error Required = Error.Validation("password.required", "A password is required.");

    public static readonly Error TooCommon = Error.Validation(
        "password.too_common", "This password is one of the most commonly used passwords; choose another.");

    public static readonly Error ContainsEmail = Error.Validation(
        "password.contains_email", "The password must not contain the name part of your email address.");

    public static Error TooShort(int min) =>
        Error.Validation("password.too_short", $"The password must be at least {min} characters long.");

    public static Error TooLong(int max) =>
        Error.Validation("password.too_long", $"The password must be at most {max} characters long.");
}
