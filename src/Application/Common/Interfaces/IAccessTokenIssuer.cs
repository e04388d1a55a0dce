using Auth.Domain.Sessions;
using Auth.Domain.Users;

namespace Auth.Application.Common.Interfaces;

public sealed record IssuedAccessToken(string Token, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"{nameof(IssuedAccessToken)} {{ ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>Signs short-lived access tokens for a user's session.</summary>
public interface IAccessTokenIssuer
{
    TimeSpan Lifetime { get; }

    /// <summary>The JSON API's audience: what every access token this service issues is for.</summary>
    string Audience { get; }

    IssuedAccessToken Issue(User user, Session session);
}
