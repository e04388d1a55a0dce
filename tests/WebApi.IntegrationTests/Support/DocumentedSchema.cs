using System.Text.Json;
using System.Text.Json.Nodes;

namespace Auth.WebApi.IntegrationTests.Support;

/// <summary>
/// The service's OpenAPI document, and a check that an answer is what it says: the documented status and content
/// type, and a body whose every property is documented, every required one present, no null where the schema does not
/// allow it, and each value of its documented JSON type (enums among their strings).
/// </summary>
public sealed class DocumentedSchema
{
    private readonly JsonObject _schemas;

    private DocumentedSchema(JsonNode document)
    {
        Paths = document["paths"]!.AsObject();
        _schemas = document["components"]!["schemas"]!.AsObject();
    }

    public JsonObject Paths { get; }

    public static async Task<DocumentedSchema> ReadAsync(ApiClient api)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.GetAsync("/openapi/v1.json");
        return new DocumentedSchema(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Adds to <paramref name="mismatches"/> what in the answer the operation's document does not describe.</summary>
    public async Task CheckAsync(JsonNode operation, HttpResponseMessage response, string where, ICollection<string> mismatches)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(mismatches);
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var type = response.Content.Headers.ContentType?.MediaType;
        var answer = operation["responses"]![status] ?? operation["responses"]![$"{status[0]}XX"];
        if (answer is null)
        {
            mismatches.Add($"{where} -> {status}: status not documented");
            return;
        }

        if (type is null)
        {
            return;
        }

        if (answer["content"]?[type] is not { } media)
        {
            mismatches.Add($"{where} -> {status} {type}: content type not documented");
            return;
        }

        if (type.EndsWith("json", StringComparison.Ordinal) && media["schema"] is { } schema)
        {
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            }
            catch (JsonException)
            {
                mismatches.Add($"{where} -> {status}: the body is not JSON");
                return;
            }

            Compare(body, schema, $"{where} -> {status}", mismatches);
        }
    }

    /// <summary>Adds to <paramref name="mismatches"/> what in <paramref name="value"/> the schema does not describe.</summary>
    public void CheckValue(JsonNode? value, JsonNode schema, string where, ICollection<string> mismatches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(mismatches);
        Compare(value, schema, where, mismatches);
    }

    private void Compare(JsonNode? body, JsonNode schema, string where, ICollection<string> mismatches)
    {
        if ((string?)schema["$ref"] is { } reference)
        {
            schema = _schemas[reference.Split('/')[^1]]!;
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            var allowsNull = oneOf.Any(s => (string?)s!["type"] == "null");
            if (body is null)
            {
                if (!allowsNull)
                {
                    mismatches.Add($"{where}: null, which the schema does not allow");
                }

                return;
            }

            Compare(body, oneOf.First(s => (string?)s!["type"] != "null")!, where, mismatches);
            return;
        }

        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => (string)t!).ToHashSet(),
            JsonValue value => [(string)value!],
            _ => [],
        };
        if (body is null)
        {
            if (types.Count > 0 && !types.Contains("null"))
            {
                mismatches.Add($"{where}: null, which the schema does not allow");
            }

            return;
        }

        var kind = body.GetValueKind();
        var actual = kind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
        if (types.Count > 0 && !types.Contains(actual) && !(actual == "number" && types.Contains("integer")))
        {
            mismatches.Add($"{where}: a {actual} where the schema says {string.Join(" or ", types)}");
            return;
        }

        if (schema["enum"] is JsonArray values && kind == JsonValueKind.String && !values.Any(v => (string?)v == (string?)body))
        {
            mismatches.Add($"{where}: '{body}' is not one of the documented values");
        }

        if (body is JsonArray items && schema["items"] is { } itemSchema)
        {
            foreach (var item in items)
            {
                Compare(item, itemSchema, where + "[]", mismatches);
            }
        }
        else if (body is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (var (name, value) in obj)
            {
                if (properties?[name] is { } property)
                {
                    Compare(value, property, $"{where}.{name}", mismatches);
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    Compare(value, additional, $"{where}[{name}]", mismatches);
                }
                else
                {
                    mismatches.Add($"{where}: '{name}' is sent but not documented");
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
