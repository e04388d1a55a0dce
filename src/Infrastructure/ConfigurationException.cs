namespace Auth.Infrastructure;

/// <summary>The service is configured in a way it must not start with. The message says which setting to fix.</summary>
public sealed class ConfigurationException : InvalidOperationException
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
