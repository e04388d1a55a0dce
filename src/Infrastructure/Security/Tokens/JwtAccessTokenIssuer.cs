using System.Security.Cryptography;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Infrastructure.Security.Tokens;

public sealed class JwtAccessTokenIssuer(SigningKeyRing keys, IOptions<JwtOptions> options, TimeProvider time) : IAccessTokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime => options.Value.AccessTokenLifetime;

    public IssuedAccessToken Issue(User user, Session session)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        var jwt = options.Value;
        var now = time.GetUtcNow();
        var expires = now + jwt.AccessTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = TokenTypes.AccessToken,
            Issuer = jwt.CanonicalIssuer,
            Audience = jwt.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = keys.Current.Credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
                [JwtRegisteredClaimNames.Sid] = session.Id.ToString(),
                [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
                [JwtRegisteredClaimNames.Email] = user.Email,
                [JwtRegisteredClaimNames.EmailVerified] = user.IsEmailVerified,
                [JwtRegisteredClaimNames.AuthTime] = session.CreatedAt.ToUnixTimeSeconds(),
                ["roles"] = user.Roles.ToArray(),
                [JwtRegisteredClaimNames.Amr] = session.AuthenticationMethodList.ToArray(),
            },
        });
        return new IssuedAccessToken(token, expires);
    }
}
