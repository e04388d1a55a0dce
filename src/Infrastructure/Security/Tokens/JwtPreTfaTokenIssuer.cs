using System.Security.Cryptography;
using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security.Tokens;

/// <summary>
/// The pre-TFA token: its own <c>typ</c> and audience, so no access-token check accepts it; it names the
/// <see cref="TfaChallenge"/> (<c>cid</c>) that counts its attempts.
/// </summary>
public sealed class JwtPreTfaTokenIssuer(SigningKeyRing keys, IOptions<JwtOptions> jwt, IOptions<TfaOptions> tfa, TimeProvider time)
    : IPreTfaTokenIssuer
{
    public const string ChallengeIdClaim = "cid";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime => tfa.Value.PreTfaTokenLifetime;

    public string Issue(User user, TfaChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(challenge);
        var now = time.GetUtcNow();
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = TokenTypes.PreTfaToken,
            Issuer = jwt.Value.CanonicalIssuer,
            Audience = jwt.Value.PreTfaAudience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = challenge.ExpiresAt.UtcDateTime,
            SigningCredentials = keys.Current.Credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
                [ChallengeIdClaim] = challenge.Id.ToString(),
                [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
                [JwtRegisteredClaimNames.Amr] = new[] { "pwd" },
            },
        });
    }

    public async Task<PreTfaCaller?> ReadAsync(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var validated = await _handler.ValidateTokenAsync(token, AccessTokenValidation.CreateForPreTfa(jwt.Value, keys, time));
        return validated.IsValid
            && Guid.TryParse(validated.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var userId)
            && Guid.TryParse(validated.ClaimsIdentity.FindFirst(ChallengeIdClaim)?.Value, out var challengeId)
                ? new PreTfaCaller(userId, challengeId)
                : null;
    }
}
