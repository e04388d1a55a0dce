using System.Net;
using System.Net.Http.Headers;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Auth.WebApi.IntegrationTests.Auth;

/// <summary>A line-of-business app verifies our tokens offline with stock JwtBearer and nothing but our JWKS.</summary>
public sealed class RelyingAppTests
{
    [Test]
    public async Task StockJwtBearer_WithOnlyOurJwks_AcceptsOurTokens_AndRejectsForgedOnes()
    {
        await using var auth = new AuthApiFactory();
        using var api = auth.CreateApiClient();
        var (email, tokens) = await api.SignedInUserAsync();
        using var jwksResponse = await api.GetAsync("/.well-known/jwks.json");
        var jwks = new JsonWebKeySet(await jwksResponse.Content.ReadAsStringAsync());

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication().AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = auth.Audience,
                IssuerSigningKeys = jwks.GetSigningKeys(),
                ValidTypes = ["at+jwt"],
                // The relying app runs on the real clock; our token was issued on the test's fake clock.
                ValidateLifetime = false,
            };
        });
        builder.Services.AddAuthorization();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (HttpContext context) => context.User.FindFirst("email")?.Value).RequireAuthorization();
        await app.StartAsync();
        using var client = app.GetTestClient();

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var accepted = await client.GetAsync("/whoami");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TokenForge.Sign(tokens.AccessToken, TokenForge.ForeignRsaKey("evil")));
        using var rejected = await client.GetAsync("/whoami");

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await accepted.Content.ReadAsStringAsync(), Is.EqualTo(email));
        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
