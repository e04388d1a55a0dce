using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>
/// The OpenAPI document describes the wire a client generator will meet (issue 22, first part): snake_case names and
/// enums as strings as the API speaks them, security only where an operation needs it, one operationId each, and no
/// test-mode operations while test mode is off.
/// </summary>
public sealed partial class OpenApiDocumentTests : SharedServiceTests
{
    private async Task<JsonNode> DocumentAsync()
    {
        using var response = await Api.GetAsync("/openapi/v1.json");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [TestCase("/api/v1/admin/api_keys")]
    [TestCase("/api/v1/admin/clients")]
    [TestCase("/api/v1/auth/sessions")]
    public async Task ShortLists_DescribeTheirNextPageLink_AndTheirPagingParameters(string path)
    {
        var get = (await DocumentAsync())["paths"]![path]!["get"]!;

        Assert.That(get["responses"]!["200"]!["headers"]?["Link"]?["description"]?.ToString(), Does.Contain("rel=\"next\""));
        Assert.That(get["parameters"]!.AsArray().Select(p => (string)p!["name"]!), Is.SupersetOf(new[] { "page_size", "cursor" }));
    }

    [Test]
    public async Task PropertyNames_AreTheWiresSnakeCase_AndEnumsAreTheirStrings()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();

        // Problem details keep ASP.NET Core's traceId, as sent.
        var camel = schemas.SelectMany(s => (s.Value?["properties"]?.AsObject() ?? []).Select(p => $"{s.Key}.{p.Key}"))
            .Where(name => !SnakeCase().IsMatch(name.Split('.')[1]) && !name.EndsWith(".traceId", StringComparison.Ordinal)).ToList();
        Assert.That(camel, Is.Empty);
        var deviceType = schemas["DeviceType"]!;
        Assert.That(deviceType["enum"]!.AsArray().Select(v => (string?)v), Does.Contain("code_generator").And.Contain("email"));
    }

    /// <summary>
    /// A request field that must be sent is not nullable (null is refused like an absent value), a field the API may
    /// leave out is optional and never null, and a field it always sends is required (null where C# allows it).
    /// </summary>
    [Test]
    public async Task RequiredAndNullable_AreAsTheWireHasThem()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();
        static bool Nullable(JsonNode property) =>
            property["type"] is JsonArray types ? types.Any(t => (string?)t == "null") : property["oneOf"]?.AsArray().Any(o => (string?)o!["type"] == "null") == true;
        var requiredButNullableRequests = schemas.Where(s => s.Key.EndsWith("Request", StringComparison.Ordinal))
            .SelectMany(s => (s.Value!["required"]?.AsArray() ?? []).Select(r => (string)r!).Where(r => Nullable(s.Value!["properties"]![r]!)).Select(r => $"{s.Key}.{r}"))
            .ToList();
        Assert.That(requiredButNullableRequests, Is.Empty);
        Assert.That(schemas["LoginRequest"]!["required"]!.AsArray().Select(r => (string?)r), Is.EquivalentTo(new[] { "email", "password" }));
        Assert.That(schemas["CreateApiKeyRequest"]!["required"]!.AsArray().Select(r => (string?)r), Is.EquivalentTo(new[] { "name", "scopes" }));

        // Left out when empty: optional, never null.
        var enrollment = schemas["EnrollmentResponse"]!;
        Assert.That(enrollment["required"]!.AsArray().Select(r => (string?)r), Is.EquivalentTo(new[] { "device_type" }));
        Assert.That(Nullable(enrollment["properties"]!["enrollment"]!), Is.False);
        Assert.That(Nullable(schemas["TokenResponse"]!["properties"]!["device_token"]!), Is.False);

        // Always sent, null when there is none.
        Assert.That(schemas["TokenResponse"]!["required"]!.AsArray().Select(r => (string?)r), Does.Contain("refresh_token"));
        Assert.That(Nullable(schemas["TokenResponse"]!["properties"]!["refresh_token"]!), Is.True);
        Assert.That((string?)schemas["TokenResponse"]!["properties"]!["expires_in"]!["type"], Is.EqualTo("integer"), "numbers are numbers, never strings");
    }

    [Test]
    public async Task Security_IsDeclaredPerOperation_AndOnlyWhereItIsNeeded()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!;
        static string[] Schemes(JsonNode? operation) =>
            operation?["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToArray() ?? [];

        Assert.That(document["security"], Is.Null, "no global requirement: sign-up and login need none");
        Assert.That(Schemes(paths["/api/v1/auth/signup"]!["post"]), Is.Empty);
        Assert.That(Schemes(paths["/api/v1/auth/login"]!["post"]), Is.Empty);
        Assert.That(Schemes(paths["/api/v1/auth/me"]!["get"]), Is.EquivalentTo(new[] { "Bearer", "OAuth2Password" }));
        Assert.That(Schemes(paths["/api/v1/tfa/login_tfa"]!["post"]), Is.EquivalentTo(new[] { "PreTfa" }));
        Assert.That(Schemes(paths["/api/v1/admin/users"]!["get"]), Does.Contain("ApiKey").And.Contain("Bearer"));
        Assert.That((string?)document["components"]!["securitySchemes"]!["ApiKey"]!["name"], Is.EqualTo("X-API-Key"));
    }

    [Test]
    public async Task EveryOperation_HasItsOwnOperationIdASummaryAndADescription_AndTestModeIsListedOnlyWhenOn()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!.AsObject();
        var operations = paths.SelectMany(p => p.Value!.AsObject().Select(o => o.Value!)).ToList();
        var ids = operations.Select(o => (string?)o["operationId"]).ToList();

        Assert.That(ids, Has.None.Null);
        Assert.That(ids, Is.Unique);
        Assert.That(operations.Where(o => string.IsNullOrWhiteSpace((string?)o["summary"])).Select(o => (string?)o["operationId"]), Is.Empty);
        Assert.That(operations.Where(o => string.IsNullOrWhiteSpace((string?)o["description"])).Select(o => (string?)o["operationId"]), Is.Empty);
        Assert.That((string?)paths["/api/v1/auth/login"]!["post"]!["description"], Does.Contain("429 `rate_limited`"), "the limit a client meets is said");
        Assert.That(document["tags"]!.AsArray().Select(t => (string?)t!["name"]), Is.EqualTo(new[] { "Auth", "Tfa", "Users", "Admin", "Tasks" }));
        Assert.That(paths.Select(p => p.Key), Has.None.StartsWith("/api/v1/testing"));

        await using var testMode = new AuthApiFactory(new Dictionary<string, string?> { ["Testing:Enabled"] = "true" });
        using var api = testMode.CreateApiClient();
        using var response = await api.GetAsync("/openapi/v1.json");
        var listed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["paths"]!.AsObject().Select(p => p.Key);
        Assert.That(listed, Has.Some.StartsWith("/api/v1/testing"));
    }

    [Test]
    public async Task Answers_AreDocumentedWithTheContentTypesTheApiSends_AndErrorsAsProblemDetailsWithACode()
    {
        var document = await DocumentAsync();
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Name: $"{o.Key} {p.Key}", Operation: o.Value!))).ToList();
        var wrongTypes = new List<string>();
        foreach (var (name, operation) in operations)
        {
            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                var types = response?["content"]?.AsObject().Select(c => c.Key).ToList() ?? [];
                // Successes are JSON (the QR code a PNG); errors problem details. Never the text/plain or text/json MVC could write.
                var error = status.StartsWith('4') || status.StartsWith('5');
                if (types.Any(t => error ? t != "application/problem+json" : t is not ("application/json" or "image/png")))
                {
                    wrongTypes.Add($"{name} {status}: {string.Join(", ", types)}");
                }
            }

            Assert.That(operation["responses"]!.AsObject().Select(r => r.Key), Does.Contain("4XX").And.Contain("5XX"), name);
        }

        Assert.That(wrongTypes, Is.Empty);
        var problem = document["components"]!["schemas"]!["ProblemDetails"]!;
        Assert.That(problem["properties"]!["code"], Is.Not.Null);
        Assert.That(problem["required"]!.AsArray().Select(r => (string?)r), Does.Contain("code"));
    }

    [Test]
    public async Task TheDocument_PassesRedoclysValidatorAndRecommendedLintRules()
    {
        var document = Path.Combine(Path.GetTempPath(), $"auth-openapi-{Guid.NewGuid():N}.json");
        using (var response = await Api.GetAsync("/openapi/v1.json"))
        {
            await File.WriteAllTextAsync(document, await response.Content.ReadAsStringAsync());
        }

        try
        {
            var redocly = Path.Combine(GeneratedClientTests.RepositoryRoot(), "tests", "tools", "node_modules", ".bin", "redocly");
            Assert.That(File.Exists(redocly), Is.True, "install the test tools: bash tests/run --install-peers");
            await GeneratedClientTests.RunAsync(Path.GetTempPath(), redocly, "lint", document, "--format", "stylish");
        }
        finally
        {
            File.Delete(document);
        }
    }

    [Test]
    public async Task EveryRequestBody_HasAnExample_ThatItsSchemaAccepts()
    {
        var document = await DocumentedSchema.ReadAsync(Api);
        var problems = new List<string>();
        var examples = 0;
        foreach (var (path, operations) in document.Paths)
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (operation!["requestBody"]?["content"]?["application/json"] is not { } body)
                {
                    continue;
                }

                var where = $"{method.ToUpperInvariant()} {path}";
                if (body["example"] is not { } example)
                {
                    problems.Add($"{where}: no example");
                    continue;
                }

                examples++;
                document.CheckValue(example, body["schema"]!, where, problems);
            }
        }

        Assert.That(examples, Is.GreaterThan(15));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task TheSignUpAndLoginExamples_WorkAsTheyAre()
    {
        var paths = (await DocumentAsync())["paths"]!;
        var signup = paths["/api/v1/auth/signup"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;
        var login = paths["/api/v1/auth/login"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;
        await using var fresh = new AuthApiFactory();
        using var api = fresh.CreateApiClient();

        using var created = await api.Http.PostAsync("/api/v1/auth/signup", new StringContent(signup.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        using var signedIn = await api.Http.PostAsync("/api/v1/auth/login", new StringContent(login.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.That((created.StatusCode, signedIn.StatusCode), Is.EqualTo((System.Net.HttpStatusCode.Created, System.Net.HttpStatusCode.OK)));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();
}
