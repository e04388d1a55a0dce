using Auth.Domain.Tfa;
using Auth.Domain.Users;

namespace Auth.Application.Common.Interfaces;

/// <summary>Signs the short-lived token that only the TFA completion endpoints accept.</summary>
public interface IPreTfaTokenIssuer
{
    TimeSpan Lifetime { get; }

    string Issue(User user, TfaChallenge challenge);
}
