namespace Auth.Domain.Common;

/// <summary>An expected failure with a stable, machine-readable code (e.g. <c>auth.invalid_credentials</c>).</summary>
public sealed record Error(string Code, string Description, ErrorType Type)
{
    /// <summary>For <see cref="ErrorType.TooManyRequests"/>: when the client may try again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>For a sign-in too old for the operation: the most recent it must be (RFC 9470 <c>max_age</c>).</summary>
    public TimeSpan? MaxAuthenticationAge { get; init; }

    public static Error Validation(string code, string description) => new(code, description, ErrorType.Validation);
    public static Error Unauthorized(string code, string description) => new(code, description, ErrorType.Unauthorized);
    public static Error Forbidden(string code, string description) => new(code, description, ErrorType.Forbidden);
    public static Error NotFound(string code, string description) => new(code, description, ErrorType.NotFound);
    public static Error Conflict(string code, string description) => new(code, description, ErrorType.Conflict);
    public static Error TooManyRequests(string code, string description) => new(code, description, ErrorType.TooManyRequests);
}
