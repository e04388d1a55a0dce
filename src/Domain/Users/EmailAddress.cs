using System.Net.Mail;

namespace Auth.Domain.Users;

/// <summary>A syntactically valid email address. Compared case-insensitively through <see cref="Normalized"/>.</summary>
public sealed record EmailAddress
{
    public const int MaxLength = 254;

    private EmailAddress(string value)
    {
        Value = value;
        Normalized = value.ToUpperInvariant();
    }

    /// <summary>The address as the user typed it (trimmed).</summary>
    public string Value { get; }

    /// <summary>Upper-cased form used for uniqueness and look-ups.</summary>
    public string Normalized { get; }

    public string LocalPart => Value[..Value.LastIndexOf('@')];

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public static bool TryCreate(string? input, out EmailAddress? email)
    {
        email = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var trimmed = input.Trim();
        if (trimmed.Length > MaxLength || trimmed.Any(char.IsWhiteSpace) || trimmed.Any(char.IsControl))
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1 || !trimmed[(at + 1)..].Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
        {
            return false;
        }

        email = new EmailAddress(trimmed);
        return true;
    }

    public static EmailAddress Create(string input) =>
        TryCreate(input, out var email) ? email! : throw new ArgumentException("Not a valid email address.", nameof(input));

    public override string ToString() => Value;
}
