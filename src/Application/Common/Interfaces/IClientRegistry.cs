using Auth.Application.Admin.Clients;

namespace Auth.Application.Common.Interfaces;

/// <summary>
/// The OpenID Connect provider's registered clients (relying apps and services), and the consents users gave them
/// (OpenIddict's permanent authorizations).
/// </summary>
public interface IClientRegistry
{
    Task<IReadOnlyList<ConsentDto>> ListConsentsAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// What the user has allowed a client: null for an unknown client; otherwise its display name, whether it is first
    /// party (never asks), and the user's standing consent covering <paramref name="scopes"/>, if any.
    /// </summary>
    Task<ClientConsent?> FindConsentAsync(Guid userId, string clientId, IReadOnlyList<string> scopes, CancellationToken cancellationToken);

    /// <summary>Remembers a user's yes to a client for these scopes; returns the consent's id. Null when the client is unknown.</summary>
    Task<string?> GrantConsentAsync(Guid userId, string clientId, IReadOnlyList<string> scopes, CancellationToken cancellationToken);

    /// <summary>Every token the provider issued to apps for the user is revoked (their refresh tokens stop at once); consents stay.</summary>
    Task RevokeAppTokensAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Withdraws a user's consent: the app asks again, and the tokens issued under it stop refreshing. False when unknown.</summary>
    Task<bool> RevokeConsentAsync(Guid userId, string consentId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>The app's display name, or null for an unknown client.</summary>
    Task<string?> DisplayNameAsync(string clientId, CancellationToken cancellationToken);

    /// <param name="secret">A confidential client's secret, which the registry stores only as a hash.</param>
    Task CreateAsync(ClientDto client, string? secret, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> clients in client id order, those after <paramref name="afterClientId"/> when given.</summary>
    Task<IReadOnlyList<ClientDto>> ListAsync(string? afterClientId, int count, CancellationToken cancellationToken);

    /// <summary>Deletes the client with every authorization (remembered consent) and token issued to it. False when unknown.</summary>
    Task<bool> DeleteAsync(string clientId, CancellationToken cancellationToken);
}

/// <param name="ConsentId">The permanent authorization that covers the scopes, or null when the user must be asked.</param>
public sealed record ClientConsent(string DisplayName, bool IsFirstParty, string? ConsentId);
