using Auth.Domain.Common;

namespace Auth.WebApi.ErrorHandling;

/// <summary>The HTTP status of an expected failure: the same for the JSON API's problem details and the hosted pages.</summary>
public static class ErrorStatus
{
    public static int Of(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Type switch
        {
            ErrorType.Validation => StatusCodes.Status400BadRequest,
            ErrorType.Unauthorized => StatusCodes.Status401Unauthorized,
            ErrorType.Forbidden => StatusCodes.Status403Forbidden,
            ErrorType.NotFound => StatusCodes.Status404NotFound,
            ErrorType.Conflict => StatusCodes.Status409Conflict,
            ErrorType.TooManyRequests => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status500InternalServerError,
        };
    }
}
