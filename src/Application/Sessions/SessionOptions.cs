using Auth.Domain.Sessions;

namespace Auth.Application.Sessions;

public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>How long a refresh token stays usable without being used.</summary>
    public TimeSpan SlidingLifetime { get; set; } = SessionLifetime.Default.Sliding;

    /// <summary>How long a session may live at most, however often it is refreshed.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = SessionLifetime.Default.Absolute;

    public SessionLifetime ToLifetime() => new(SlidingLifetime, AbsoluteLifetime);
}
