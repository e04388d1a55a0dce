using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security.Tokens;

/// <summary>
/// The one definition of a valid access token: our issuer and audience, our keys only (looked up by <c>kid</c>),
/// an asymmetric algorithm (so <c>none</c> and HS256-with-the-public-key are refused), the access-token <c>typ</c>,
/// and a lifetime checked against the injected clock.
/// </summary>
public static class AccessTokenValidation
{
    public static TokenValidationParameters Create(JwtOptions options, SigningKeyRing keys, TimeProvider time) =>
        Create(options, keys, time, TokenTypes.AccessToken, options?.Audience!);

    /// <summary>The same rules for the pre-TFA token: its own type and audience.</summary>
    public static TokenValidationParameters CreateForPreTfa(JwtOptions options, SigningKeyRing keys, TimeProvider time) =>
        Create(options, keys, time, TokenTypes.PreTfaToken, options?.PreTfaAudience!);

    private static TokenValidationParameters Create(JwtOptions options, SigningKeyRing keys, TimeProvider time, string type, string audience)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        var skew = options.ClockSkew;
        return new TokenValidationParameters
        {
            // The canonical form, and the configured spelling that tokens issued before the provider carried.
            ValidIssuers = new[] { options.CanonicalIssuer, options.Issuer }.Distinct(StringComparer.Ordinal).ToList(),
            ValidAudience = audience,
            IssuerSigningKeys = keys.VerificationKeys.ToList(),
            TryAllIssuerSigningKeys = false,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = SigningAlgorithms.Supported,
            ValidTypes = [type],
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = skew,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires is { } exp && now < exp.ToUniversalTime() + skew
                    && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - skew);
            },
            NameClaimType = JwtRegisteredClaimNames.Sub,
            RoleClaimType = "roles",
        };
    }
}
