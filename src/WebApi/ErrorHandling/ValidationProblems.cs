using System.Text.Json;
using Auth.Application.Common.Exceptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Auth.WebApi.ErrorHandling;

/// <summary>Builds 400 problem details with per-field messages (<c>errors</c>) and codes (<c>error_codes</c>).</summary>
public static class ValidationProblems
{
    public static ValidationProblemDetails FromFailures(IEnumerable<ValidationException.FieldError> failures)
    {
        var list = failures.ToList();
        var problem = new ValidationProblemDetails(
            list.GroupBy(f => FieldName(f.Field)).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        };
        problem.Extensions["code"] = ProblemCodes.ValidationFailed;
        problem.Extensions["error_codes"] = list.GroupBy(f => FieldName(f.Field))
            .ToDictionary(g => g.Key, g => g.Select(f => f.Code).ToArray());
        return problem;
    }

    /// <summary>
    /// Model-binding failures: a query or route parameter that is not of its type (<c>page=abc</c>), named as it is on
    /// the wire, or malformed JSON / a body of the wrong shape. Parser messages can quote the input, so they are
    /// replaced with a fixed text.
    /// </summary>
    public static ValidationProblemDetails FromModelState(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var httpContext = context.HttpContext;
        var parameters = context.ActionDescriptor.Parameters
            .Where(p => p.BindingInfo?.BindingSource is { } source && (source == BindingSource.Query || source == BindingSource.Path))
            .Select(p => p.BindingInfo?.BinderModelName ?? p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fields = context.ModelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToList();
        var inParameters = fields.Count > 0 && fields.All(parameters.Contains);
        var problem = new ValidationProblemDetails(fields.ToDictionary(
            f => string.IsNullOrEmpty(f) ? "$" : f,
            _ => new[] { inParameters ? "The value is not valid for this parameter." : "The request body is missing or is not valid JSON of the expected shape." }))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = inParameters ? "A parameter of the request is invalid." : "The request body could not be read.",
        };
        problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
        problem.Extensions["code"] = inParameters ? ProblemCodes.InvalidParameter : ProblemCodes.MalformedBody;
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier;
        return problem;
    }

    private static string FieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));
}
