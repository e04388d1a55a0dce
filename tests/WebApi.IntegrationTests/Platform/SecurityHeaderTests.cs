using System.Net;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Platform;

public sealed class SecurityHeaderTests
{
    [TestCase("/api/v1/auth/me")]
    [TestCase("/health/live")]
    [TestCase("/.well-known/jwks.json")]
    [TestCase("/nowhere")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        await using var factory = new AuthApiFactory();
        using var api = factory.CreateApiClient();

        using var response = await api.GetAsync(path);

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
            Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none'"));
        });
    }

    [Test]
    public async Task TheDocsPage_GetsACspThatLetsSwaggerUiRun()
    {
        await using var factory = new AuthApiFactory();
        using var api = factory.CreateApiClient();

        using var response = await api.GetAsync("/docs/index.html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
    }

    [Test]
    public async Task Cors_AllowsNoOriginByDefault_AndOnlyListedOrigins()
    {
        await using var closed = new AuthApiFactory();
        using var closedApi = closed.CreateApiClient();
        await using var open = new AuthApiFactory(new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://app.example.com" });
        using var openApi = open.CreateApiClient();

        static HttpRequestMessage Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/login");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type");
            return request;
        }

        using var byDefault = await closedApi.Http.SendAsync(Preflight("https://app.example.com"));
        using var listed = await openApi.Http.SendAsync(Preflight("https://app.example.com"));
        using var unlisted = await openApi.Http.SendAsync(Preflight("https://evil.example.com"));

        Assert.That(byDefault.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        Assert.That(listed.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "https://app.example.com" }));
        Assert.That(unlisted.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }
}
