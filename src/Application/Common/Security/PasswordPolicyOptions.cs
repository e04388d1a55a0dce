namespace Auth.Application.Common.Security;

public sealed class PasswordPolicyOptions
{
    public const string SectionName = "PasswordPolicy";

    /// <summary>Minimum length in Unicode code points (NIST SP 800-63B: at least 8).</summary>
    public int MinLength { get; set; } = 8;

    /// <summary>Maximum length in Unicode code points; bounds the work one hash can cost.</summary>
    public int MaxLength { get; set; } = 128;
}
