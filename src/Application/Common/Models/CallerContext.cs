namespace Auth.Application.Common.Models;

/// <summary>Where a request came from, recorded on sessions.</summary>
public sealed record ClientContext(string? UserAgent, string? IpAddress)
{
    public static readonly ClientContext Unknown = new(null, null);
}
