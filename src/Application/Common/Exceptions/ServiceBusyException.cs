namespace Auth.Application.Common.Exceptions;

/// <summary>The service is shedding load (e.g. the password-hashing queue is full); the client should retry later.</summary>
public sealed class ServiceBusyException : Exception
{
    public ServiceBusyException()
        : this(TimeSpan.FromSeconds(1))
    {
    }

    public ServiceBusyException(string message)
        : base(message)
    {
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    public ServiceBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    public ServiceBusyException(TimeSpan retryAfter)
        : base("The service is busy; retry later.")
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}
