namespace Auth.Application.Common.Models;

/// <summary>The caller: where a request came from (its user agent and IP address), recorded on sessions.</summary>
public sealed record CallerContext(string? UserAgent, string? IpAddress)
{
    public static readonly CallerContext Unknown = new(null, null);
}
