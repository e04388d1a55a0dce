using Auth.Domain.Tfa;
using Auth.Domain.Users;

namespace Auth.Application.Common.Interfaces;

/// <summary>Signs the short-lived token that only the second step accepts, and reads it back.</summary>
public interface IPreTfaTokenIssuer
{
    TimeSpan Lifetime { get; }

    string Issue(User user, TfaChallenge challenge);

    /// <summary>
    /// The sign-in a pre-TFA token stands for, validated exactly as the JSON API's pre-TFA scheme validates it
    /// (signature, issuer, audience, type, lifetime), or null when it is not a valid pre-TFA token.
    /// </summary>
    Task<PreTfaCaller?> ReadAsync(string token);
}

/// <summary>Who a valid pre-TFA token speaks for: the user, and the challenge that counts the second step's tries.</summary>
public sealed record PreTfaCaller(Guid UserId, Guid ChallengeId);
