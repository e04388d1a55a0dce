using System.Collections.Immutable;
using Auth.Application.Admin.Clients;
using Auth.Application.Common.Interfaces;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Infrastructure.OpenIdConnect;

/// <summary>
/// Clients as OpenIddict applications. A registration becomes OpenIddict permissions (endpoints, grant types, response
/// type, scopes), so OpenIddict itself refuses whatever a client was not registered for; a public client is required to
/// use PKCE; a first-party client's consent is implicit, a third party's explicit.
/// </summary>
public sealed class ClientRegistry(
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    TimeProvider time) : IClientRegistry
{
    public async Task<IReadOnlyList<ConsentDto>> ListConsentsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var consents = new List<ConsentDto>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(userId.ToString(), cancellationToken))
        {
            if (!await authorizations.HasTypeAsync(authorization, AuthorizationTypes.Permanent, cancellationToken)
                || !await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken)
                || await authorizations.GetApplicationIdAsync(authorization, cancellationToken) is not { } applicationId
                || await applications.FindByIdAsync(applicationId, cancellationToken) is not { } application)
            {
                continue;
            }

            consents.Add(new ConsentDto(
                (await authorizations.GetIdAsync(authorization, cancellationToken))!,
                (await applications.GetClientIdAsync(application, cancellationToken))!,
                await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
                [.. await authorizations.GetScopesAsync(authorization, cancellationToken)],
                await authorizations.GetCreationDateAsync(authorization, cancellationToken)));
        }

        return consents;
    }

    public async Task<ClientConsent?> FindConsentAsync(
        Guid userId, string clientId, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var name = await applications.GetDisplayNameAsync(application, cancellationToken) ?? clientId;
        if (await applications.HasConsentTypeAsync(application, ConsentTypes.Implicit, cancellationToken))
        {
            return new ClientConsent(name, IsFirstParty: true, ConsentId: null);
        }

        var applicationId = await applications.GetIdAsync(application, cancellationToken);
        await foreach (var authorization in authorizations.FindAsync(
            userId.ToString(), applicationId, Statuses.Valid, AuthorizationTypes.Permanent, [.. scopes], cancellationToken))
        {
            return new ClientConsent(name, IsFirstParty: false, await authorizations.GetIdAsync(authorization, cancellationToken));
        }

        return new ClientConsent(name, IsFirstParty: false, ConsentId: null);
    }

    public async Task<string?> GrantConsentAsync(Guid userId, string clientId, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var descriptor = new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = await applications.GetIdAsync(application, cancellationToken),
            Subject = userId.ToString(),
            Status = Statuses.Valid,
            Type = AuthorizationTypes.Permanent,
            CreationDate = time.GetUtcNow(),
        };
        descriptor.Scopes.UnionWith(scopes);
        var authorization = await authorizations.CreateAsync(descriptor, cancellationToken);
        return await authorizations.GetIdAsync(authorization, cancellationToken);
    }

    public async Task RevokeAppTokensAsync(Guid userId, CancellationToken cancellationToken) =>
        await tokens.RevokeBySubjectAsync(userId.ToString(), cancellationToken);

    public async Task<bool> RevokeConsentAsync(Guid userId, string consentId, CancellationToken cancellationToken)
    {
        var authorization = await authorizations.FindByIdAsync(consentId, cancellationToken);
        if (authorization is null || await authorizations.GetSubjectAsync(authorization, cancellationToken) != userId.ToString()
            || !await authorizations.HasTypeAsync(authorization, AuthorizationTypes.Permanent, cancellationToken))
        {
            return false;
        }

        await authorizations.TryRevokeAsync(authorization, cancellationToken);
        await tokens.RevokeByAuthorizationIdAsync(consentId, cancellationToken);
        return true;
    }

    public async Task<bool> ExistsAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is not null;

    public async Task<string?> DisplayNameAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application
            ? await applications.GetDisplayNameAsync(application, cancellationToken)
            : null;

    public async Task CreateAsync(ClientDto client, string? secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = secret,
            DisplayName = client.DisplayName,
            ClientType = client.ClientType == ClientVocabulary.Confidential ? ClientTypes.Confidential : ClientTypes.Public,
            ConsentType = client.FirstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
        };
        foreach (var uri in client.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        foreach (var uri in client.PostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        descriptor.Permissions.UnionWith(PermissionsOf(client));
        if (client.ClientType == ClientVocabulary.Public)
        {
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

            // A native app listens on a loopback port the system picks: a redirect URI registered without a port
            // matches it on any port (RFC 8252 §7.3); every other URI stays an exact match.
            if (descriptor.RedirectUris.Any(uri => uri.IsLoopback))
            {
                descriptor.ApplicationType = ApplicationTypes.Native;
            }
        }

        await applications.CreateAsync(descriptor, cancellationToken);
    }

    public async Task<IReadOnlyList<ClientDto>> ListAsync(string? afterClientId, int count, CancellationToken cancellationToken)
    {
        // A seek on the unique client id index, in the database's order of client ids.
        var clients = new List<ClientDto>();
        var page = applications.ListAsync(
            query => query.OfType<OpenIddictEntityFrameworkCoreApplication>()
                .Where(a => afterClientId == null || string.Compare(a.ClientId, afterClientId) > 0)
                .OrderBy(a => a.ClientId).Take(count),
            cancellationToken);
        await foreach (var application in page)
        {
            clients.Add(await ToDtoAsync(application, cancellationToken));
        }

        return clients;
    }

    public async Task<bool> DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return false;
        }

        // OpenIddict's store deletes the application's authorizations and tokens with it, in one transaction.
        await applications.DeleteAsync(application, cancellationToken);
        return true;
    }

    private static IEnumerable<string> PermissionsOf(ClientDto client)
    {
        var signsUsersIn = client.GrantTypes.Contains(ClientVocabulary.AuthorizationCode);
        yield return Permissions.Endpoints.Token;
        yield return Permissions.Endpoints.Revocation;
        if (signsUsersIn)
        {
            yield return Permissions.Endpoints.Authorization;
            yield return Permissions.Endpoints.EndSession;
            yield return Permissions.ResponseTypes.Code;
        }

        foreach (var grant in client.GrantTypes)
        {
            yield return Permissions.Prefixes.GrantType + grant;
        }

        foreach (var scope in client.Scopes.Where(s => s != Scopes.OpenId))
        {
            yield return Permissions.Prefixes.Scope + scope;
        }
    }

    private async Task<ClientDto> ToDtoAsync(object application, CancellationToken cancellationToken)
    {
        var permissions = await applications.GetPermissionsAsync(application, cancellationToken);
        var grantTypes = permissions.Where(p => p.StartsWith(Permissions.Prefixes.GrantType, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.GrantType.Length..]).ToList();
        var scopes = permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]);
        if (grantTypes.Contains(ClientVocabulary.AuthorizationCode))
        {
            scopes = scopes.Prepend(Scopes.OpenId);
        }

        return new ClientDto(
            await applications.GetClientIdAsync(application, cancellationToken) ?? "",
            await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
            await applications.HasClientTypeAsync(application, ClientTypes.Confidential, cancellationToken)
                ? ClientVocabulary.Confidential
                : ClientVocabulary.Public,
            await applications.HasConsentTypeAsync(application, ConsentTypes.Implicit, cancellationToken),
            Strings(await applications.GetRedirectUrisAsync(application, cancellationToken)),
            Strings(await applications.GetPostLogoutRedirectUrisAsync(application, cancellationToken)),
            scopes.ToList(),
            grantTypes);
    }

    private static List<string> Strings(ImmutableArray<string> values) => [.. values];
}
