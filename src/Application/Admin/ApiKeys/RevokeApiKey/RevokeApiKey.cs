using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.ApiKeys;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.ApiKeys.RevokeApiKey;

public sealed record RevokeApiKeyCommand(Guid? ActorId, Guid KeyId) : IRequest<Result<Success>>;

public sealed class RevokeApiKeyCommandHandler(IAuthDbContext db, AuditTrail audit, TimeProvider time)
    : IRequestHandler<RevokeApiKeyCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == request.KeyId, cancellationToken);
        if (key is null)
        {
            return ApiKeyErrors.NotFound;
        }

        key.Revoke(time.GetUtcNow());
        audit.Success(AuditEventTypes.ApiKeyRevoked, null, key.Id.ToString(), request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
