namespace Auth.Application.SignIn.Levels;

/// <summary>
/// The <c>acr</c> values this service asserts and honours in <c>acr_values</c>, weakest first. A session's level follows
/// from the methods it proved (<c>amr</c>); a request for a level is met by that level or a stronger one.
/// </summary>
public static class AuthenticationLevels
{
    /// <summary>A password alone (including a TFA user on a remembered device, or with a factor not bound yet).</summary>
    public const string Password = "urn:auth:acr:password";

    /// <summary>A password and a second factor proven at this sign-in.</summary>
    public const string MultiFactor = "urn:auth:acr:mfa";

    /// <summary>A factor bound to the origin, which a phishing proxy cannot relay: a passkey, alone or after the password.</summary>
    public const string PhishingResistant = "urn:auth:acr:phishing-resistant";

    public static readonly IReadOnlyList<string> All = [Password, MultiFactor, PhishingResistant];

    /// <summary>What a sign-in here can reach (discovery's <c>acr_values_supported</c>).</summary>
    public static readonly IReadOnlyList<string> Offered = All;

    /// <summary>
    /// Whether signing in again can reach <paramref name="level"/> for an account with (or without) a bound second factor
    /// or a bound passkey (a passkey reaches every level; a factor not bound yet reaches nothing above the password).
    /// </summary>
    public static bool IsReachable(string level, bool hasSecondFactor, bool hasPasskey) =>
        level == Password || hasPasskey || (level == MultiFactor && hasSecondFactor);

    public static string Of(IEnumerable<string> amr)
    {
        ArgumentNullException.ThrowIfNull(amr);
        var methods = amr.ToHashSet(StringComparer.Ordinal);
        return methods.Contains("hwk") || methods.Contains("swk") ? PhishingResistant
            : methods.Contains("mfa") ? MultiFactor
            : Password;
    }

    /// <summary>The weakest of the requested levels that this service knows, or null when none is known (no requirement).</summary>
    public static string? WeakestKnown(IEnumerable<string> requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        return requested.Where(All.Contains).OrderBy(Rank).FirstOrDefault();
    }

    public static bool Satisfies(string actual, string required) => Rank(actual) >= Rank(required);

    private static int Rank(string level) => All.ToList().IndexOf(level);
}
