namespace Auth.Infrastructure.Security.Tokens;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>The <c>iss</c> claim and the base of the discovery URLs. Set it to the service's public URL.</summary>
    public string Issuer { get; set; } = "http://localhost:5000";

    /// <summary>
    /// The <c>iss</c> every token carries and discovery states: <see cref="Issuer"/> as an absolute URI, so
    /// <c>https://auth.example</c> becomes <c>https://auth.example/</c>, the form the OpenID Connect provider uses.
    /// </summary>
    public string CanonicalIssuer => new Uri(Issuer, UriKind.Absolute).AbsoluteUri;

    public string Audience { get; set; } = "auth-api";

    /// <summary>The audience of pre-TFA tokens: only this service's TFA endpoints.</summary>
    public string PreTfaAudience { get; set; } = "auth-tfa";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tolerance for clocks that disagree; at most 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Signing keys. The first signs; all verify (list a new key first, keep the old one until its tokens expire).</summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>Outside Production, with no keys configured, a key is generated here on first start and reused.</summary>
    public string DevelopmentKeyDirectory { get; set; } = "data/keys";

    /// <summary>ES256: a token costs about 35 µs to sign, against about 1.8 ms for RS256-3072 (benchmarks/Auth.Benchmarks).</summary>
    public string DevelopmentKeyAlgorithm { get; set; } = SigningAlgorithms.ES256;

    /// <summary>How often each node reads sessions revoked on other nodes; bounds how long a revoked token lives elsewhere.</summary>
    public TimeSpan RevocationSyncInterval { get; set; } = TimeSpan.FromSeconds(15);
}

public sealed class SigningKeyOptions
{
    public string? KeyId { get; set; }

    /// <summary>RS256 (RSA, at least 2048 bits) or ES256 (ECDSA P-256).</summary>
    public string Algorithm { get; set; } = SigningAlgorithms.RS256;

    /// <summary>Path of a PEM file holding the private key.</summary>
    public string? PemFile { get; set; }

    /// <summary>The private key PEM itself (e.g. from a secret store through an environment variable).</summary>
    public string? Pem { get; set; }

    /// <summary>
    /// When your key policy retires this key (optional). Nothing is refused after it; the
    /// <c>auth.signing_key.expiry</c> gauge (days) counts down to it for the first (signing) key, so rotation is planned.
    /// </summary>
    public DateTimeOffset? NotAfter { get; set; }
}

public static class SigningAlgorithms
{
    public const string RS256 = "RS256";
    public const string ES256 = "ES256";

    public static readonly IReadOnlyList<string> Supported = [RS256, ES256];
}
