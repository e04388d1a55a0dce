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
    /// Model-binding failures (malformed JSON, a body of the wrong shape). Parser messages can quote the input, so
    /// they are replaced with a fixed text.
    /// </summary>
    public static ValidationProblemDetails FromModelState(HttpContext httpContext, ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(modelState);
        var fields = modelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToList();
        var problem = new ValidationProblemDetails(fields.ToDictionary(
            f => string.IsNullOrEmpty(f) ? "$" : f,
            _ => new[] { "The request body is missing or is not valid JSON of the expected shape." }))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read.",
        };
        problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
        problem.Extensions["code"] = ProblemCodes.MalformedBody;
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier;
        return problem;
    }

    private static string FieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));
}
