using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Consents.RevokeConsent;

public sealed record RevokeConsentCommand(Guid UserId, string ConsentId) : IRequest<Result<Success>>;

public static class ConsentErrors
{
    public static readonly Error NotFound = Error.NotFound("consent.not_found", "No such consent.");
}

public sealed class RevokeConsentCommandHandler(IClientRegistry clients, IAuthDbContext db, AuditTrail audit)
    : IRequestHandler<RevokeConsentCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(RevokeConsentCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await clients.RevokeConsentAsync(request.UserId, request.ConsentId, cancellationToken))
        {
            return ConsentErrors.NotFound;
        }

        audit.Success(AuditEventTypes.ConsentRevoked, request.UserId, request.ConsentId);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
