using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Passkeys;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Passkeys.RenamePasskey;

/// <summary>Renames one of the caller's passkeys (a name is only a label: no fresh authentication needed).</summary>
public sealed record RenamePasskeyCommand(CurrentSession Caller, Guid PasskeyId, string Name) : IRequest<Result<Success>>;

public sealed class RenamePasskeyCommandHandler(IAuthDbContext db, AuditTrail audit) : IRequestHandler<RenamePasskeyCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(RenamePasskeyCommand request, CancellationToken cancellationToken)
    {
        var passkey = await db.Passkeys.SingleOrDefaultAsync(p => p.Id == request.PasskeyId && p.UserId == request.Caller.UserId, cancellationToken);
        if (passkey is null)
        {
            return PasskeyErrors.NotFound;
        }

        var renamed = passkey.Rename(request.Name);
        if (!renamed.IsSuccess)
        {
            return renamed.Error!;
        }

        audit.Success(AuditEventTypes.PasskeyRenamed, passkey.UserId);
        await db.SaveChangesAsync(cancellationToken);
        return Success.Instance;
    }
}
