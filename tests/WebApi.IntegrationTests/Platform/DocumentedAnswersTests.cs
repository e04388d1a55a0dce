using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>
/// What the API answers is what its document says (<see cref="DocumentedSchema"/>: status, content type, and a body
/// with exactly the documented properties, the required ones present, null only where allowed): every read, every
/// write refusing an empty body, and a lifecycle of successful writes from sign-up to administration.
/// </summary>
public sealed class DocumentedAnswersTests : SharedServiceTests
{
    [Test]
    public async Task EveryRead_AnswersWithTheDocumentedStatusContentTypeAndSchema()
    {
        var (_, user) = await Api.SignedInUserAsync();
        var admin = await Tfa.AdminTokenAsync();
        var document = await DocumentedSchema.ReadAsync(Api);
        var mismatches = new List<string>();
        var reads = 0;
        foreach (var (path, operations) in document.Paths.Where(p => !p.Key.Contains('{', StringComparison.Ordinal)))
        {
            if (operations!["get"] is not { } operation)
            {
                continue;
            }

            var token = IsAdministration(path) ? admin : user.AccessToken;
            using var request = new HttpRequestMessage(HttpMethod.Get, path + (path.EndsWith("taskstatus", StringComparison.Ordinal) ? $"?task_id={Guid.NewGuid()}" : ""));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Api.Http.SendAsync(request);
            reads++;
            await document.CheckAsync(operation, response, $"GET {path}", mismatches);
        }

        Assert.That(reads, Is.GreaterThan(10), "the sweep read the document's lists and single resources");
        Assert.That(mismatches, Is.Empty);
    }

    /// <summary>
    /// Each write, called as its security says (a fresh user each, so that one call's sign-out or revocation does not
    /// spoil the next) on an unknown id with <c>{}</c> for a body: the refusal (or success) is a documented answer.
    /// </summary>
    [Test]
    public async Task EveryWrite_WithAnEmptyBody_AnswersAsDocumented()
    {
        var admin = await Tfa.AdminTokenAsync();
        var document = await DocumentedSchema.ReadAsync(Api);
        var mismatches = new List<string>();
        var writes = 0;
        foreach (var (template, operations) in document.Paths)
        {
            foreach (var (method, operation) in operations!.AsObject().Where(o => o.Key != "get"))
            {
                var schemes = operation!["security"]!.AsArray().SelectMany(s => s!.AsObject().Select(p => p.Key)).ToHashSet();
                string? token = null;
                if (schemes.Contains("PreTfa"))
                {
                    token = (await Tfa.PasswordStepAsync((await Tfa.SignupAsync("code_generator")).Email)).PreTfaToken;
                }
                else if (schemes.Contains("ApiKey"))
                {
                    token = admin;
                }
                else if (schemes.Contains("Bearer"))
                {
                    token = (await Api.SignedInUserAsync()).Tokens.AccessToken;
                }

                var path = System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", Guid.NewGuid().ToString());
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
                if (operation["requestBody"] is not null)
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await Api.Http.SendAsync(request);
                writes++;
                await document.CheckAsync(operation, response, $"{method.ToUpperInvariant()} {template}", mismatches);
            }
        }

        Assert.That(writes, Is.GreaterThan(25), "the sweep called every write");
        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public async Task ALifecycleOfSuccessfulWrites_AnswersAsDocumented()
    {
        var document = await DocumentedSchema.ReadAsync(Api);
        var mismatches = new List<string>();
        var calls = 0;
        async Task<JsonNode?> Call(string method, string template, object? body = null, string? token = null, string? path = null, int? expected = null)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path ?? template);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await Api.Http.SendAsync(request);
            calls++;
            Assert.That((int)response.StatusCode, Is.EqualTo(expected ?? (int)response.StatusCode).And.LessThan(300), $"{method} {template}");
            await document.CheckAsync(document.Paths[template]![method.ToLowerInvariant()]!, response, $"{method} {template}", mismatches);
            return response.Content.Headers.ContentType?.MediaType == "application/json"
                ? JsonNode.Parse(await response.Content.ReadAsStringAsync())
                : null;
        }

        var email = ApiClient.NewEmail("documented");
        const string password = TestPasswords.Strong;
        await Call("POST", "/api/v1/auth/signup", new { email, password, full_name = "Documented User" }, expected: 201);
        var login = await Call("POST", "/api/v1/auth/login", new { email, password }, expected: 200);
        var refreshed = await Call("POST", "/api/v1/auth/refresh", new { refresh_token = (string)login!["refresh_token"]! }, expected: 200);
        var token = (string)refreshed!["access_token"]!;
        await Call("GET", "/api/v1/auth/me", token: token);
        var enrollment = await Call("PUT", "/api/v1/tfa/enable_tfa", new { device_type = "code_generator" }, token, expected: 200);
        await Call("GET", "/api/v1/tfa/get_my_qrcode", token: token, expected: 200);
        var secret = (string)enrollment!["enrollment"]!["secret"]!;
        await Call("POST", "/api/v1/tfa/confirm_tfa", new { tfa_token = Tfa.CodeFor(secret) }, token, expected: 200);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var passwordStep = await Call("POST", "/api/v1/auth/login", new { email, password }, expected: 202);
        var signedIn = await Call("POST", "/api/v1/tfa/login_tfa", new { tfa_token = Tfa.CodeFor(secret) }, (string)passwordStep!["access_token"]!, expected: 200);
        token = (string)signedIn!["access_token"]!;
        await Call("GET", "/api/v1/tfa/backup_tokens", token: token);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await Call("POST", "/api/v1/tfa/backup_tokens/regenerate", new { tfa_token = Tfa.CodeFor(secret) }, token, expected: 200);
        await Call("POST", "/api/v1/auth/forgot_password", new { email }, expected: 202);
        await Call("POST", "/api/v1/auth/verify_email/resend", new { email }, expected: 202);

        var admin = await Tfa.AdminTokenAsync();
        var users = await Call("GET", "/api/v1/admin/users", token: admin, path: $"/api/v1/admin/users?query={Uri.EscapeDataString(email)}");
        var id = (string)users!["items"]![0]!["id"]!;
        await Call("GET", "/api/v1/admin/users/{id}", token: admin, path: $"/api/v1/admin/users/{id}");
        await Call("PUT", "/api/v1/admin/users/{id}/roles", new { roles = new[] { "admin" } }, admin, $"/api/v1/admin/users/{id}/roles", 200);
        await Call("POST", "/api/v1/admin/users/{id}/reset_tfa", new { reason = "lost phone" }, admin, $"/api/v1/admin/users/{id}/reset_tfa", 204);
        await Call("POST", "/api/v1/admin/users/{id}/password_reset", token: admin, path: $"/api/v1/admin/users/{id}/password_reset", expected: 202);
        var key = await Call("POST", "/api/v1/admin/api_keys", new { name = "documented", scopes = new[] { "users:read" } }, admin, expected: 201);
        await Call("DELETE", "/api/v1/admin/api_keys/{id}", token: admin, path: $"/api/v1/admin/api_keys/{(string)key!["id"]!}", expected: 204);
        var clientId = $"documented-{Guid.NewGuid():N}";
        await Call("POST", "/api/v1/admin/clients", new { client_id = clientId, client_type = "confidential", redirect_uris = new[] { "https://app.example.com/signin-oidc" } }, admin, expected: 201);
        await Call("DELETE", "/api/v1/admin/clients/{clientId}", token: admin, path: $"/api/v1/admin/clients/{clientId}", expected: 204);
        await Call("POST", "/api/v1/admin/users/{id}/disable", token: admin, path: $"/api/v1/admin/users/{id}/disable", expected: 204);
        await Call("POST", "/api/v1/admin/users/{id}/enable", token: admin, path: $"/api/v1/admin/users/{id}/enable", expected: 204);
        await Call("GET", "/api/v1/admin/audit", token: admin, path: $"/api/v1/admin/audit?user_id={id}");

        Assert.That(calls, Is.GreaterThan(20));
        Assert.That(mismatches, Is.Empty);
    }

    private static bool IsAdministration(string path) =>
        path.StartsWith("/api/v1/admin", StringComparison.Ordinal) || path.StartsWith("/api/v1/users", StringComparison.Ordinal)
        || path.StartsWith("/api/v1/tasks", StringComparison.Ordinal);
}
