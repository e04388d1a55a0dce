using System.Net;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Platform;

public sealed class PlatformTests : SharedServiceTests
{

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task Health_IsHealthy_WithoutAuthentication(string path)
    {
        using var response = await Api.GetAsync(path);

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
        using var response = await Api.GetAsync("/.well-known/openid-configuration");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((string?)body["issuer"], Is.EqualTo(Factory.Issuer));
        Assert.That((string?)body["jwks_uri"], Is.EqualTo($"{Factory.Issuer}.well-known/jwks.json"));
        Assert.That((string?)body["token_endpoint"], Does.EndWith("/connect/token"));
    }

    [TestCase("/.well-known/jwks.json")]
    public async Task KeySet_CarriesAnETag_AndARevalidationWithItGets304WithoutABody(string path)
    {
        using var first = await Api.GetAsync(path);
        var etag = first.Headers.ETag;
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, path);
        revalidation.Headers.IfNoneMatch.Add(etag!);
        using var second = await Api.Http.SendAsync(revalidation);
        using var stale = new HttpRequestMessage(HttpMethod.Get, path);
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"older\""));
        using var third = await Api.Http.SendAsync(stale);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(etag, Is.Not.Null);
        Assert.That(first.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(first.Headers.CacheControl?.Public, Is.True);
        Assert.That(JsonNode.Parse(await first.Content.ReadAsStringAsync()), Is.Not.Null);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(third.Headers.ETag, Is.EqualTo(etag));
    }

    [Test]
    public async Task Docs_ServeSwaggerUi_AndAnOpenApiDocumentWithBearerAuth()
    {
        using var ui = await Api.GetAsync("/docs/index.html");
        using var document = await Api.GetAsync("/openapi/v1.json");

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
        using var response = await Api.SendAsync(new HttpMethod(method), path, null);

        var problem = await ApiClient.ReadProblemAsync(response, status);
        Assert.That((string?)problem["code"], Is.EqualTo(code));
        Assert.That(problem.ToJsonString(), Does.Not.Contain(" at "));
    }

    [Test]
    public async Task Logs_NeverContainPasswordsTokensOrQueryValues()
    {
        var password = "log-canary-" + Guid.NewGuid().ToString("N");
        var (email, tokens) = await Api.SignedInUserAsync(password);
        using (var wrong = await Api.LoginAsync(email, password + "x"))
        {
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Unauthorized);
        }

        using (var refresh = await Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = tokens.RefreshToken }))
        {
            await ApiClient.ExpectAsync(refresh, HttpStatusCode.OK);
        }

        using (await Api.GetAsync("/api/v1/auth/me?tfa_token=424242&secret=query-canary", tokens.AccessToken))
        {
        }

        var logs = string.Join('\n', Factory.Logs.Events);
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
    public async Task HealthProbes_StayOutOfTheRequestLog_WhileRequestsAreLogged()
    {
        using (var probe = await Api.GetAsync("/health/live"))
        {
            await ApiClient.ExpectAsync(probe, HttpStatusCode.OK);
        }

        using (var anonymous = await Api.GetAsync("/api/v1/auth/me"))
        {
            await ApiClient.ExpectAsync(anonymous, HttpStatusCode.Unauthorized);
        }

        // The probe was answered before the second request was sent, and its line is written as it ends.
        await Factory.Logs.MessageAsync(m => m.Contains("/api/v1/auth/me", StringComparison.Ordinal) && m.Contains("responded 401", StringComparison.Ordinal))
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(Factory.Logs.Messages, Has.None.Contains("/health/"));
    }

    [Test]
    public async Task ApiAnswers_AreNeverCached()
    {
        using var response = await Api.SignupAsync(ApiClient.NewEmail(), TestPasswords.Strong);

        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task SecurityEventLogLines_NameOnlyWhatIsKnown()
    {
        using (var unknown = await Api.LoginAsync(ApiClient.NewEmail("nobody"), TestPasswords.Other))
        {
            await ApiClient.ExpectAsync(unknown, System.Net.HttpStatusCode.Unauthorized);
        }

        var (email, _) = await Api.SignedInUserAsync();

        var lines = Factory.Logs.Messages.Where(m => m.StartsWith("Security event", StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Some.Contains("login.failed"));
        Assert.That(lines, Has.None.Contains("null"));
        Assert.That(lines, Has.None.Contains(email), "never an address");
    }
}
