namespace Auth.Domain.Common;

/// <summary>Either a value or an expected <see cref="Error"/>. Surprises are exceptions, not results.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Error = null;
    }

    private Result(Error error)
    {
        _value = default;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"Result is a failure ({Error!.Code}); there is no value.");

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error);

    /// <summary>Wraps a value whose static type is an interface (implicit conversions cannot do that in C#).</summary>
    public static Result<T> From(T value) => new(value);

    public TOut Match<TOut>(Func<T, TOut> onSuccess, Func<Error, TOut> onFailure) =>
        IsSuccess ? onSuccess(_value!) : onFailure(Error!);
}

/// <summary>The value of a command that succeeds with nothing to return.</summary>
public readonly record struct Success
{
    public static readonly Success Instance = default;
}
