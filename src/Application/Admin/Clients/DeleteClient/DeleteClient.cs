using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Admin.Clients.DeleteClient;

/// <summary>Deletes a client: its remembered consents and every token issued to it go with it.</summary>
public sealed record DeleteClientCommand(Guid? ActorId, string ClientId) : IRequest<Result<Success>>;

public sealed class DeleteClientCommandHandler(IClientRegistry clients, IAuthDbContext db, AuditTrail audit)
    : IRequestHandler<DeleteClientCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(DeleteClientCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await clients.DeleteAsync(request.ClientId, cancellationToken))
        {
            return ClientErrors.NotFound;
        }

        audit.Success(AuditEventTypes.ClientDeleted, null, request.ClientId, request.ActorId);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
