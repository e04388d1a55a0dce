using System.Buffers.Text;
using System.Security.Cryptography;
using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Admin.Clients.CreateClient;

/// <summary>
/// Registers a relying app. A confidential client gets a generated secret, shown this once and stored hashed; a public
/// client (a native or single-page app) has none and must use PKCE.
/// </summary>
public sealed record CreateClientCommand(
    Guid? ActorId,
    string ClientId,
    string DisplayName,
    string ClientType,
    bool FirstParty,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> PostLogoutRedirectUris,
    IReadOnlyList<string>? Scopes = null,
    IReadOnlyList<string>? GrantTypes = null) : IRequest<Result<CreatedClientDto>>;

/// <summary>The new client, with a confidential client's secret shown this once.</summary>
public sealed record CreatedClientDto(ClientDto Client, string? ClientSecret)
{
    public override string ToString() => $"{nameof(CreatedClientDto)} {{ ClientId = {Client.ClientId} }}";
}

public sealed class CreateClientCommandHandler(IClientRegistry clients, IAuthDbContext db, AuditTrail audit)
    : IRequestHandler<CreateClientCommand, Result<CreatedClientDto>>
{
    public async Task<Result<CreatedClientDto>> Handle(CreateClientCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await clients.ExistsAsync(request.ClientId, cancellationToken))
        {
            return ClientErrors.AlreadyExists;
        }

        var client = new ClientDto(
            request.ClientId,
            string.IsNullOrWhiteSpace(request.DisplayName) ? request.ClientId : request.DisplayName,
            request.ClientType,
            request.FirstParty,
            request.RedirectUris.Distinct(StringComparer.Ordinal).ToList(),
            request.PostLogoutRedirectUris.Distinct(StringComparer.Ordinal).ToList(),
            (request.Scopes is { Count: > 0 } scopes ? scopes : ClientVocabulary.DefaultScopes).Distinct(StringComparer.Ordinal).ToList(),
            (request.GrantTypes is { Count: > 0 } grants ? grants : ClientVocabulary.DefaultGrantTypes).Distinct(StringComparer.Ordinal).ToList());
        var secret = client.ClientType == ClientVocabulary.Confidential ? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)) : null;
        await clients.CreateAsync(client, secret, cancellationToken);
        audit.Success(AuditEventTypes.ClientCreated, null, client.ClientId, request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedClientDto(client, secret);
    }
}
