using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Auth.WebApi.OpenApi;

/// <summary>
/// Required and nullable as the wire has them. A request field the contract declares without a default must be sent,
/// and null is refused like an absent value (the fields are nullable in C# only so that the validators, not the
/// binder, answer for them): required, not nullable. An answer's field left out when it has no value
/// (<c>JsonIgnoreCondition.WhenWritingNull</c>) is optional and never null. Every other answer field is sent always,
/// null where C# says it may be.
/// </summary>
public sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    private const string NullablePropertyMarker = "x-is-nullable-property";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo;
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties)
        {
            return Task.CompletedTask;
        }

        var isRequest = IsRequestContract(type.Type);
        foreach (var property in type.Properties)
        {
            if (!properties.TryGetValue(property.Name, out var propertySchema))
            {
                continue;
            }

            var required = schema.Required?.Contains(property.Name) == true;
            if (isRequest && !required && propertySchema is OpenApiSchema { Default: { } value } optional)
            {
                // Generators read a default as "always present" (openapi-typescript makes the field mandatory to send).
                optional.Default = null;
                optional.Description = $"Optional: {value.ToJsonString()} when left out.";
            }

            if (OmittedWhenNull(property))
            {
                schema.Required?.Remove(property.Name);
                RemoveNull(propertySchema);
            }
            else if (isRequest && required)
            {
                RemoveNull(propertySchema);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The API's request bodies: <c>…Request</c> records and forms in the Contracts namespace.</summary>
    private static bool IsRequestContract(Type type) =>
        type.Namespace == typeof(Contracts.LoginRequest).Namespace && type.Name.EndsWith("Request", StringComparison.Ordinal);

    private static bool OmittedWhenNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.WhenWritingNull) == true;

    /// <summary>The same schema without <c>null</c>.</summary>
    private static void RemoveNull(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        // A referenced type's property is wrapped in oneOf [null, $ref] later, when the generator sees this marker.
        concrete.Metadata?.Remove(NullablePropertyMarker);
        if (concrete.Type is { } flags && flags.HasFlag(JsonSchemaType.Null) && flags != JsonSchemaType.Null)
        {
            concrete.Type = flags & ~JsonSchemaType.Null;
        }
    }
}
