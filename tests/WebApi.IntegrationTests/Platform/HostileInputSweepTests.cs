using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>
/// Every operation in the OpenAPI document, fed malformed and hostile input with and without each token kind, answers
/// a problem document with a 4xx (or a success), never a 5xx; and every answer is one the document describes (status,
/// content type and schema; see <see cref="DocumentedSchema"/>).
/// </summary>
public sealed class HostileInputSweepTests : SharedServiceTests
{
    // A NUL in the path itself is refused by Kestrel with a bare 400 before any middleware runs; it stays in the query.
    private static readonly string[] OddPathValues = ["00000000-0000-0000-0000-000000000000", "not-a-guid", "..%2f..%2fetc"];

    private static readonly string OddQuery =
        "?page=-1&page_size=999999999&query=%00%27%22%3Cscript%3E&tfa_token=%E2%80%AE&user_id=x&from=yesterday&task_id=1&to=" + new string('z', 300);

    /// <summary>Bodies with their content types: absent, truncated, wrong shapes and types, odd values, an undecodable charset.</summary>
    private static IEnumerable<Func<HttpContent?>> Bodies()
    {
        yield return () => null;
        yield return () => Json("{");
        yield return () => Json("[]");
        yield return () => Json("null");
        yield return () => Json("""{"email":123,"password":["x"],"tfa_token":{},"roles":"admin","scopes":7,"device_type":"carrier_pigeon","expires_at":"soon"}""");
        yield return () => Json($$"""{"email":"{{new string('a', 5000)}}@example.com","password":"\u0000\u202e","token":"{{new string('t', 5000)}}","reason":"\r\nX-Injected: 1","name":"{{new string('n', 300)}}","full_name":"\u0000"}""");
        yield return () =>
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"email":"a@example.com","password":"x"}"""));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-16" };
            return content;
        };
        yield return () => new StringContent("username=%00&password=", Encoding.UTF8, "application/x-www-form-urlencoded");
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Test]
    public async Task EveryOperation_AnswersHostileInput_WithoutA5xx_AndEveryErrorIsAProblemDocument()
    {
        var (_, user) = await Api.SignedInUserAsync();
        var tfaUser = await Tfa.SignupAsync("code_generator");
        var (preTfa, _) = await Tfa.PasswordStepAsync(tfaUser.Email);
        var admin = await Tfa.AdminTokenAsync();
        using var keyResponse = await Api.PostJsonAsync("/api/v1/admin/api_keys",
            new { name = "sweep", scopes = new[] { "users:read", "users:write", "audit:read", "emails:read", "emails:write" } }, admin);
        var apiKey = (string)JsonNode.Parse(await keyResponse.Content.ReadAsStringAsync())!["key"]!;
        var credentials = new (string Name, Action<HttpRequestMessage> Apply)[]
        {
            ("none", _ => { }),
            ("garbage bearer", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "e30.e30.x")),
            ("access token", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken)),
            ("pre-TFA token", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", preTfa)),
            ("admin token", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin)),
            ("api key", r => r.Headers.Add("X-API-Key", apiKey)),
        };

        var document = await DocumentedSchema.ReadAsync(Api);
        var failures = new List<string>();
        var requests = 0;
        foreach (var (template, operations) in document.Paths)
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                foreach (var pathValue in OddPathValues)
                {
                    var path = System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", pathValue) + OddQuery;
                    foreach (var (name, apply) in credentials)
                    {
                        foreach (var (body, index) in Bodies().Select((b, i) => (b, i)))
                        {
                            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path) { Content = body() };
                            apply(request);
                            using var response = await Api.Http.SendAsync(request);
                            requests++;
                            var status = (int)response.StatusCode;
                            var type = response.Content.Headers.ContentType?.MediaType;
                            if (status >= 500 || (status >= 400 && type != "application/problem+json"))
                            {
                                failures.Add($"{method.ToUpperInvariant()} {path[..Math.Min(path.Length, 80)]} [{name}, body {index}] -> {status} {type}");
                            }
                            else
                            {
                                await document.CheckAsync(operation!, response, $"{method.ToUpperInvariant()} {template} [{name}, body {index}]", failures);
                            }
                        }
                    }
                }
            }
        }

        Assert.That(requests, Is.GreaterThan(1000), "the sweep covered the document");
        Assert.That(failures.Distinct().Take(40), Is.Empty);
    }
}
