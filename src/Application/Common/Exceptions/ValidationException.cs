using FluentValidation.Results;

namespace Auth.Application.Common.Exceptions;

/// <summary>Invalid input, as found by the validation pipeline. Carries field names and codes, never the values.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException()
        : this([])
    {
    }

    public ValidationException(string message)
        : base(message)
    {
        Failures = [];
    }

    public ValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    public ValidationException(IEnumerable<ValidationFailure> failures)
        : base("One or more fields are invalid.")
    {
        Failures = failures
            .Select(f => new FieldError(f.PropertyName, f.ErrorCode, f.ErrorMessage))
            .ToList();
    }

    public IReadOnlyList<FieldError> Failures { get; }

    public sealed record FieldError(string Field, string Code, string Message);
}
