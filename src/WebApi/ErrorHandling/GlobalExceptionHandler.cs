using Auth.Application.Common.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Auth.WebApi.ErrorHandling;

/// <summary>
/// Turns exceptions into problem details. Invalid input and load shedding are expected and not logged as errors;
/// anything else is logged once here and answered with a bare 500 (no message, no stack trace).
/// </summary>
public sealed class GlobalExceptionHandler(IProblemDetailsService problemDetails, ILogger<GlobalExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case ValidationException validation:
                problem = ValidationProblems.FromFailures(validation.Failures);
                break;
            case ServiceBusyException busy:
                httpContext.Response.Headers.RetryAfter = BusyProblem.RetryAfter(busy.RetryAfter);
                problem = BusyProblem.Create();
                break;
            case BadHttpRequestException badRequest:
                problem = new ProblemDetails
                {
                    Status = badRequest.StatusCode,
                    Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? "The request body is too large."
                        : "The request could not be read.",
                };
                problem.Extensions["code"] = ProblemCodes.ForStatus(badRequest.StatusCode);
                break;
            case System.Text.DecoderFallbackException:
                // A body whose declared charset does not decode (e.g. charset=utf-16 carrying UTF-8 bytes) is malformed input.
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request body does not decode in its declared charset.",
                };
                problem.Extensions["code"] = ProblemCodes.MalformedBody;
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return true;
            default:
                logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred.",
                };
                problem.Extensions["code"] = ProblemCodes.ServerError;
                break;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (Pages.ErrorPages.Wants(httpContext))
        {
            await Pages.ErrorPages.WriteAsync(httpContext, problem.Status.Value);
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
