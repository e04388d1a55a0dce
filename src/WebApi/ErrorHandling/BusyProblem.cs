using Microsoft.AspNetCore.Mvc;

namespace Auth.WebApi.ErrorHandling;

/// <summary>The 503 a client gets when password hashing is at capacity: the same document wherever it is decided.</summary>
public static class BusyProblem
{
    public static ProblemDetails Create()
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The service is busy.",
            Detail = "Too many sign-ins are being processed; retry after the delay in Retry-After.",
        };
        problem.Extensions["code"] = ProblemCodes.Busy;
        return problem;
    }

    public static string RetryAfter(TimeSpan delay) =>
        ((int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
