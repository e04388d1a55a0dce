namespace Auth.WebApi.ErrorHandling;

/// <summary>Stable codes for failures the HTTP pipeline itself produces (the domain's live beside their errors).</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "request.validation_failed";
    public const string MalformedBody = "request.malformed_body";
    public const string InvalidParameter = "request.invalid_parameter";
    public const string BodyTooLarge = "request.too_large";
    public const string BadRequest = "request.bad";
    public const string NotFound = "http.not_found";
    public const string MethodNotAllowed = "http.method_not_allowed";
    public const string UnsupportedMediaType = "http.unsupported_media_type";
    public const string NotAcceptable = "http.not_acceptable";
    public const string Unauthorized = "auth.unauthorized";
    public const string Forbidden = "auth.forbidden";
    public const string Busy = "server.busy";
    public const string RateLimited = "rate_limited";
    public const string ServerError = "server.error";

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status406NotAcceptable => NotAcceptable,
        StatusCodes.Status413PayloadTooLarge => BodyTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status503ServiceUnavailable => Busy,
        >= 500 => ServerError,
        _ => $"http.{status}",
    };
}
