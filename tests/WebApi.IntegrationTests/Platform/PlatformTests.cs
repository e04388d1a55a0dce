using System.Net;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Platform;

public sealed class PlatformTests
{
    private AuthApiFactory _factory = null!;
    private ApiClient _api = null!;

    [OneTimeSetUp]
    public void StartService()
    {
        _factory = new AuthApiFactory();
        _api = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        _api.Dispose();
        await _factory.DisposeAsync();
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task Health_IsHealthy_WithoutAuthentication(string path)
    {
        using var response = await _api.GetAsync(path);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)body["status"], Is.EqualTo("Healthy"));
        if (path.EndsWith("ready", StringComparison.Ordinal))
        {
            Assert.That((string?)body["checks"]!["database"], Is.EqualTo("Healthy"));
        }
    }

    [Test]
    public async Task OpenIdConfiguration_PointsAtTheJwks()
    {
        using var response = await _api.GetAsync("/.well-known/openid-configuration");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((string?)body["issuer"], Is.EqualTo(_factory.Issuer));
        Assert.That((string?)body["jwks_uri"], Is.EqualTo($"{_factory.Issuer}/.well-known/jwks.json"));
        Assert.That((string?)body["token_endpoint"], Is.EqualTo($"{_factory.Issuer}/api/v1/auth/login"));
    }

    [Test]
    public async Task Docs_ServeSwaggerUi_AndAnOpenApiDocumentWithBearerAuth()
    {
        using var ui = await _api.GetAsync("/docs/index.html");
        using var document = await _api.GetAsync("/openapi/v1.json");

        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var openApi = JsonNode.Parse(await document.Content.ReadAsStringAsync())!;
        Assert.That((string?)openApi["components"]!["securitySchemes"]!["Bearer"]!["scheme"], Is.EqualTo("bearer"));
        Assert.That(openApi["paths"]!.AsObject().Select(p => p.Key), Does.Contain("/api/v1/auth/login"));
    }

    [TestCase("GET", "/api/v1/nowhere", HttpStatusCode.NotFound, "http.not_found")]
    [TestCase("GET", "/api/v1/auth/login", HttpStatusCode.MethodNotAllowed, "http.method_not_allowed")]
    [TestCase("PUT", "/api/v1/auth/signup", HttpStatusCode.MethodNotAllowed, "http.method_not_allowed")]
    public async Task RoutingFailures_AreProblemDetailsWithACode(string method, string path, HttpStatusCode status, string code)
    {
        using var response = await _api.SendAsync(new HttpMethod(method), path, null);

        var problem = await ApiClient.ReadProblemAsync(response, status);
        Assert.That((string?)problem["code"], Is.EqualTo(code));
        Assert.That(problem.ToJsonString(), Does.Not.Contain(" at "));
    }

    [Test]
    public async Task Logs_NeverContainPasswordsTokensOrQueryValues()
    {
        var password = "log-canary-" + Guid.NewGuid().ToString("N");
        var (email, tokens) = await _api.SignedInUserAsync(password);
        using (var wrong = await _api.LoginAsync(email, password + "x"))
        {
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Unauthorized);
        }

        using (var refresh = await _api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = tokens.RefreshToken }))
        {
            await ApiClient.ExpectAsync(refresh, HttpStatusCode.OK);
        }

        using (await _api.GetAsync("/api/v1/auth/me?tfa_token=424242&secret=query-canary", tokens.AccessToken))
        {
        }

        var logs = string.Join('\n', _factory.Logs.Events);
        Assert.Multiple(() =>
        {
            Assert.That(logs, Does.Contain("/api/v1/auth/login"), "the request log is captured at all");
            Assert.That(logs, Does.Not.Contain(password));
            Assert.That(logs, Does.Not.Contain(tokens.RefreshToken!));
            Assert.That(logs, Does.Not.Contain(tokens.AccessToken.Split('.')[2]));
            Assert.That(logs, Does.Not.Contain("424242"));
            Assert.That(logs, Does.Not.Contain("query-canary"));
        });
    }

    [Test]
    public async Task ApiAnswers_AreNeverCached()
    {
        using var response = await _api.SignupAsync(ApiClient.NewEmail(), TestPasswords.Strong);

        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }
}
