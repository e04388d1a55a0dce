namespace Auth.Application.Common.Models;

/// <summary>
/// The caller: where a request came from (its user agent and IP address, recorded on sessions), and when it came with
/// an app's token, that OpenID Connect client's id (recorded in the audit trail).
/// </summary>
public sealed record CallerContext(string? UserAgent, string? IpAddress, string? ClientId = null)
{
    public static readonly CallerContext Unknown = new(null, null);
}
