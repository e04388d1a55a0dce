namespace Auth.Domain.Common;

/// <summary>The kind of an expected failure; the web layer maps each kind to one HTTP status.</summary>
public enum ErrorType
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    TooManyRequests,
}
