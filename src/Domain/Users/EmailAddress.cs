using System.Net.Mail;
using System.Text;

namespace Auth.Domain.Users;

/// <summary>
/// A syntactically valid email address, canonicalised once: Unicode NFKC (so compatibility forms such as <c>ſ</c> or
/// full-width letters are the letters they stand for, and one mailbox has one spelling), and compared
/// case-insensitively through <see cref="Normalized"/>. A domain with a trailing dot is refused (it names the same
/// mailbox as without, so it would be a second account for it).
/// </summary>
public sealed record EmailAddress
{
    public const int MaxLength = 254;

    private EmailAddress(string value)
    {
        Value = value;
        Normalized = KeyOf(value);
    }

    /// <summary>The address as the user typed it, trimmed and in NFKC: what is stored and what mail is sent to.</summary>
    public string Value { get; }

    /// <summary>The case-folded canonical form used for uniqueness and look-ups.</summary>
    public string Normalized { get; }

    public string LocalPart => Value[..Value.LastIndexOf('@')];

    /// <summary>The look-up key of whatever was typed (a sign-in, a reset request): the same key as the stored address's.</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Canonical(email.Trim()) is { } canonical ? KeyOf(canonical) : email.Trim().ToUpperInvariant();
    }

    /// <summary>NFKC; null for text that is not well-formed Unicode (a lone surrogate).</summary>
    private static string? Canonical(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string KeyOf(string canonical) => canonical.ToUpperInvariant();

    public static bool TryCreate(string? input, out EmailAddress? email)
    {
        email = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var trimmed = Canonical(input.Trim());
        if (trimmed is null || trimmed.Length > MaxLength || trimmed.Any(char.IsWhiteSpace) || trimmed.Any(char.IsControl))
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        var domain = trimmed[(at + 1)..];
        if (at <= 0 || domain.Length == 0 || !domain.Contains('.', StringComparison.Ordinal)
            || domain.EndsWith('.') || domain.StartsWith('.') || domain.Contains("..", StringComparison.Ordinal))
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
