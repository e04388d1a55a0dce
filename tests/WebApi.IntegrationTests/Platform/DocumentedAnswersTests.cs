using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>
/// What the API answers is what its document says: every read (GET) without path parameters, called as a user and as
/// an administrator, answers a documented status with the documented content type, and its body has exactly the
/// documented properties (every required one present, none the schema does not name).
/// </summary>
public sealed class DocumentedAnswersTests : SharedServiceTests
{
    [Test]
    public async Task EveryRead_AnswersWithTheDocumentedStatusContentTypeAndSchema()
    {
        var (_, user) = await Api.SignedInUserAsync();
        var admin = await Tfa.AdminTokenAsync();
        using var documentResponse = await Api.GetAsync("/openapi/v1.json");
        var document = JsonNode.Parse(await documentResponse.Content.ReadAsStringAsync())!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var mismatches = new List<string>();
        var checkedBodies = 0;
        foreach (var (path, operations) in document["paths"]!.AsObject().Where(p => !p.Key.Contains('{', StringComparison.Ordinal)))
        {
            if (operations!["get"] is not { } operation)
            {
                continue;
            }

            var token = path.StartsWith("/api/v1/admin", StringComparison.Ordinal) || path.StartsWith("/api/v1/users", StringComparison.Ordinal)
                || path.StartsWith("/api/v1/tasks", StringComparison.Ordinal) ? admin : user.AccessToken;
            using var request = new HttpRequestMessage(HttpMethod.Get, path + (path.EndsWith("taskstatus", StringComparison.Ordinal) ? $"?task_id={Guid.NewGuid()}" : ""));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Api.Http.SendAsync(request);
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var type = response.Content.Headers.ContentType?.MediaType;
            var answer = operation["responses"]![status] ?? operation["responses"]![$"{status[0]}XX"];
            if (answer?["content"]?[type ?? ""]?["schema"] is not { } schema)
            {
                if (type is not null)
                {
                    mismatches.Add($"GET {path} -> {status} {type}: not documented");
                }

                continue;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            checkedBodies++;
            Compare(body, schema, schemas, $"GET {path} {status}", mismatches);
        }

        Assert.That(checkedBodies, Is.GreaterThan(10), "the sweep read the document's lists and single resources");
        Assert.That(mismatches, Is.Empty);
    }

    private static void Compare(JsonNode? body, JsonNode schema, JsonObject schemas, string where, List<string> mismatches)
    {
        if ((string?)schema["$ref"] is { } reference)
        {
            schema = schemas[reference.Split('/')[^1]]!;
        }

        if (body is JsonArray array && schema["items"] is { } items)
        {
            foreach (var item in array)
            {
                Compare(item, items, schemas, where + "[]", mismatches);
            }
        }
        else if (body is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in obj)
            {
                if (properties[name] is not { } property)
                {
                    mismatches.Add($"{where}: '{name}' is sent but not documented");
                }
                else if (value is not null)
                {
                    Compare(value, property, schemas, $"{where}.{name}", mismatches);
                }
            }

            foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
            {
                if (!obj.ContainsKey(required))
                {
                    mismatches.Add($"{where}: required '{required}' is missing");
                }
            }
        }
    }
}
