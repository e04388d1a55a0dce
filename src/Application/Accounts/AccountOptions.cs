namespace Auth.Application.Accounts;

/// <summary>Account lifecycle settings (section <c>Accounts</c>).</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>
    /// A right password for an account whose email is not verified answers 403 <c>auth.email_unverified</c> and starts
    /// no session. On by default; the Development settings (appsettings.Development.json) turn it off.
    /// </summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    /// <summary>
    /// The page that takes the token: the email links to <c>{VerificationLinkBase}?token={token}</c>. Auth's own
    /// page under <c>Jwt:Issuer</c> (<c>{issuer}/verify-email</c>) unless set, e.g. to your front end's.
    /// </summary>
    public string VerificationLinkBase { get; set; } = "";

    public TimeSpan VerificationTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Where Auth's own pages are, for the links to them in emails (binding a new factor, lifting a second-factor lock):
    /// <c>Jwt:Issuer</c> unless set. Those links are valid for <see cref="VerificationTokenLifetime"/>.
    /// </summary>
    public string? PagesBase { get; set; }

    /// <summary>A link to one of Auth's own pages carrying a single-use token.</summary>
    public string PageLink(string path, string token) => $"{PagesBase?.TrimEnd('/')}{path}?token={Uri.EscapeDataString(token)}";

    /// <summary>How old a sign-in may be for a factor change without the password in the same request (RFC 9470 <c>max_age</c>).</summary>
    public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// At most this many links of one kind (reset, verification) are emailed to one account in an hour; further requests
    /// get the same answer and send nothing, so the service cannot be used to flood a mailbox.
    /// </summary>
    public int MaxLinksPerHour { get; set; } = 5;
}
