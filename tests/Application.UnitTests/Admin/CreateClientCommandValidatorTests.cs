using Auth.Application.Admin.Clients.CreateClient;

namespace Auth.Application.UnitTests.Admin;

public sealed class CreateClientCommandValidatorTests
{
    [TestCase("https://app.example/signin-oidc", true)]
    [TestCase("http://127.0.0.1:5173/callback", true)]
    [TestCase("http://[::1]/callback", true)]
    [TestCase("http://app.example/signin-oidc", false)]
    [TestCase("https://app.example/cb#frag", false)]
    [TestCase("https://user:secret@app.example/cb", false)]
    [TestCase("/relative/callback", false)]
    [TestCase("javascript:alert(1)", false)]
    public void RedirectUris_MustBeExact_HttpsOrLoopback(string uri, bool accepted) =>
        Assert.That(CreateClientCommandValidator.IsAcceptableRedirect(uri), Is.EqualTo(accepted));

    [Test]
    public void APublicClient_WithClientCredentials_IsRefused()
    {
        var command = new CreateClientCommand(null, "spa", "SPA", "public", false, ["https://spa.example/cb"], [], null, ["client_credentials"]);

        var result = new CreateClientCommandValidator().Validate(command);

        Assert.That(result.Errors.Select(e => e.ErrorCode), Does.Contain("grant_types.public_client_credentials"));
    }

    [Test]
    public void AServiceClient_NeedsNoRedirectUri()
    {
        var command = new CreateClientCommand(null, "nightly", "Nightly", "confidential", true, [], [], ["roles"], ["client_credentials"]);

        Assert.That(new CreateClientCommandValidator().Validate(command).IsValid, Is.True);
    }
}
