using Auth.Application.SignIn.Completion;
using Auth.TestCommon;

namespace Auth.Application.UnitTests.SignIn;

/// <summary>What a token says about a session, for the JSON API's tokens and the provider's alike.</summary>
public sealed class SessionClaimsTests
{
    private static readonly SessionClaims Claims = new(
        Guid.NewGuid(), Guid.NewGuid(), "ada@example.com", true, "Ada Lovelace", ["user"], ["pwd", "otp", "mfa"], TestClock.Start);

    private static Dictionary<string, TokenKinds> Destinations(params string[] scopes) =>
        Claims.For(scopes).ToDictionary(c => c.Type, c => c.Tokens);

    [Test]
    public void AnAccessToken_CarriesWhoWhichSessionAtWhatLevel_TheAddressAndTheRoles()
    {
        var claims = Claims.ForAccessToken();

        Assert.Multiple(() =>
        {
            Assert.That(claims.Keys, Is.EquivalentTo(new[] { "sub", "sid", "email", "email_verified", "roles", "amr", "acr", "auth_time" }));
            Assert.That(claims["acr"], Is.EqualTo("urn:auth:acr:mfa"));
            Assert.That(claims["amr"], Is.EqualTo(new[] { "pwd", "otp", "mfa" }));
            Assert.That(claims["auth_time"], Is.EqualTo(TestClock.Start.ToUnixTimeSeconds()));
        });
    }

    [Test]
    public void AnIdToken_CarriesWhoAndHow_AndOnlyWhatItsScopesAskFor()
    {
        var bare = Destinations("openid");
        var full = Destinations("openid", "email", "profile", "roles");

        Assert.Multiple(() =>
        {
            Assert.That(bare.Where(c => c.Value.HasFlag(TokenKinds.IdentityToken)).Select(c => c.Key),
                Is.EquivalentTo(new[] { "sub", "sid", "amr", "acr", "auth_time" }));
            Assert.That(full.Where(c => c.Value.HasFlag(TokenKinds.IdentityToken)).Select(c => c.Key),
                Is.EquivalentTo(new[] { "sub", "sid", "email", "email_verified", "roles", "amr", "acr", "auth_time", "name" }));
            Assert.That(full["name"], Is.EqualTo(TokenKinds.IdentityToken), "the name is never in an access token");
        });
    }

    [Test]
    public void AServiceSigningInAsItself_IsNamedOnlyByItsClientId()
    {
        Assert.That(SessionClaims.ForClient("nightly-sync"), Is.EqualTo(new[] { new TokenClaim("sub", "nightly-sync", TokenKinds.AccessToken) }));
    }
}
