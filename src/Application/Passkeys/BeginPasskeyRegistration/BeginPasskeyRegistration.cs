using Auth.Application.Common.Interfaces;
using Auth.Application.Passkeys.Common;
using Auth.Application.Sessions;
using Auth.Application.SignIn.StepUp;
using Auth.Domain.Common;
using Auth.Domain.Passkeys;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Passkeys.BeginPasskeyRegistration;

/// <summary>
/// Starts adding a passkey: like every factor change it needs a fresh authentication (a recent sign-in, or the
/// password now). The ceremony is bound to the caller's session and the account's security stamp.
/// </summary>
public sealed record BeginPasskeyRegistrationCommand(CurrentSession Caller, string? Password) : IRequest<Result<PasskeyCeremonyStarted>>
{
    public override string ToString() => nameof(BeginPasskeyRegistrationCommand);
}

public sealed class BeginPasskeyRegistrationCommandHandler(
    IAuthDbContext db,
    Reauthentication reauthentication,
    IPasskeyVerifier verifier,
    PasskeyCeremonies ceremonies) : IRequestHandler<BeginPasskeyRegistrationCommand, Result<PasskeyCeremonyStarted>>
{
    public async Task<Result<PasskeyCeremonyStarted>> Handle(BeginPasskeyRegistrationCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.Caller.UserId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound;
        }

        var fresh = await reauthentication.RequireAsync(user, request.Caller, request.Password, cancellationToken);
        if (!fresh.IsSuccess)
        {
            return fresh.Error!;
        }

        if (await db.Passkeys.CountAsync(p => p.UserId == user.Id, cancellationToken) >= Passkey.MaxPerUser)
        {
            return PasskeyErrors.LimitReached;
        }

        var options = await verifier.CreateRegistrationOptionsAsync(user, cancellationToken);
        var started = ceremonies.Begin(PasskeyCeremonyPurpose.Registration, user.Id, request.Caller.SessionId, user.SecurityStamp, options);
        await db.SaveChangesAsync(cancellationToken);
        return started;
    }
}
