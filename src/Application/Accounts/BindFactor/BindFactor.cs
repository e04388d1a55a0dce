using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Accounts.BindFactor;

/// <summary>
/// Binds the second factor or passkey that the emailed link names (<c>POST /auth/bind_factor</c>, the page
/// <c>/account/bind-factor</c>): the verified mailbox proves its owner wanted it, so from the next sign-in it gives its
/// full level. The token works once.
/// </summary>
public sealed record BindFactorCommand(string Token) : IRequest<Result<Success>>
{
    public override string ToString() => nameof(BindFactorCommand);
}

public sealed class BindFactorCommandHandler(IAuthDbContext db, AccountTokens tokens, AuditTrail audit, TimeProvider time)
    : IRequestHandler<BindFactorCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(BindFactorCommand request, CancellationToken cancellationToken)
    {
        var token = await tokens.RedeemAsync(request.Token, AccountTokenPurpose.FactorBinding, cancellationToken);
        if (token?.SubjectId is not { } factorId)
        {
            return UserErrors.InvalidBindingToken;
        }

        // The factor must still be the account's (removed, or TFA turned off and on again: the link is dead).
        var now = time.GetUtcNow();
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == factorId && d.UserId == token.UserId, cancellationToken);
        var passkey = device is null
            ? await db.Passkeys.SingleOrDefaultAsync(p => p.Id == factorId && p.UserId == token.UserId, cancellationToken)
            : null;
        if (device is { IsActive: true })
        {
            device.Bind(now);
        }
        else if (passkey is not null)
        {
            passkey.Bind(now);
        }
        else
        {
            return UserErrors.InvalidBindingToken;
        }

        audit.Success(AuditEventTypes.FactorBound, token.UserId, device is null ? "passkey" : device.Type == DeviceType.Email ? "email" : "code_generator");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UserErrors.InvalidBindingToken;
        }

        return Success.Instance;
    }
}
