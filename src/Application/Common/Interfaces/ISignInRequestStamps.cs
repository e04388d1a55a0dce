namespace Auth.Application.Common.Interfaces;

/// <summary>
/// Marks an OpenID Connect authorization request whose browser was sent to sign in (<c>prompt=login</c>, <c>max_age</c>,
/// a stronger level): the stamp travels in the way back, and a sign-in made after it satisfies that request once, so a
/// fresh sign-in is enforced by the server (following the way back without signing in does not do) and
/// <c>max_age=0</c> does not loop. Unforgeable, bound to one request, short-lived.
/// </summary>
public interface ISignInRequestStamps
{
    /// <param name="requestKey">What identifies the request (client, redirect URI, state, nonce).</param>
    string Issue(string requestKey, DateTimeOffset signInRequestedAt);

    /// <summary>When the sign-in was asked for, or null for a stamp that is forged, for another request or expired.</summary>
    DateTimeOffset? Read(string stamp, string requestKey);
}
