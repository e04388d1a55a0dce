using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Consents.GrantConsent;

/// <summary>A user allowed a third-party app these scopes: remembered (and audited) until withdrawn on the account page.</summary>
public sealed record GrantConsentCommand(Guid UserId, string ClientId, IReadOnlyList<string> Scopes) : IRequest<Result<string>>;

public sealed class GrantConsentCommandHandler(IClientRegistry clients, IAuthDbContext db, AuditTrail audit)
    : IRequestHandler<GrantConsentCommand, Result<string>>
{
    public async Task<Result<string>> Handle(GrantConsentCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var consentId = await clients.GrantConsentAsync(request.UserId, request.ClientId, request.Scopes, cancellationToken);
        if (consentId is null)
        {
            return Admin.Clients.ClientErrors.NotFound;
        }

        audit.Success(AuditEventTypes.ConsentGranted, request.UserId, request.ClientId);
        await db.SaveChangesAsync(cancellationToken);
        return consentId;
    }
}
