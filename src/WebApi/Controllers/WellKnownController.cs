using Auth.Infrastructure.Security.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Auth.WebApi.Controllers;

/// <summary>Discovery for relying apps that verify our tokens offline.</summary>
[ApiController]
[AllowAnonymous]
[Route(".well-known")]
public sealed class WellKnownController(SigningKeyRing keys, IOptions<JwtOptions> jwt) : ControllerBase
{
    [HttpGet("jwks.json")]
    [ResponseCache(Duration = 300, Location = ResponseCacheLocation.Any)]
    [ProducesResponseType<JsonWebKeySetDocument>(StatusCodes.Status200OK)]
    public ActionResult Jwks() => Ok(JsonWebKeySetDocument.From(keys));

    [HttpGet("openid-configuration")]
    [ResponseCache(Duration = 300, Location = ResponseCacheLocation.Any)]
    public ActionResult OpenIdConfiguration()
    {
        var issuer = jwt.Value.Issuer.TrimEnd('/');
        return Ok(new Dictionary<string, object>
        {
            ["issuer"] = jwt.Value.Issuer,
            ["jwks_uri"] = $"{issuer}/.well-known/jwks.json",
            ["token_endpoint"] = $"{issuer}/api/v1/auth/login",
            ["grant_types_supported"] = new[] { "password", "refresh_token" },
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms.Supported,
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["claims_supported"] = new[] { "iss", "aud", "sub", "sid", "jti", "iat", "exp", "email", "roles", "amr" },
        });
    }
}
