namespace Auth.Domain.Sessions;

/// <summary>A session slides forward on every refresh but never past its absolute cap.</summary>
public sealed record SessionLifetime(TimeSpan Sliding, TimeSpan Absolute)
{
    public static readonly SessionLifetime Default = new(TimeSpan.FromDays(14), TimeSpan.FromDays(30));
}
