using Auth.Application.Common.Interfaces;
using Auth.Application.Passkeys.Common;
using Auth.Domain.Common;
using Auth.Domain.Passkeys;
using MediatR;

namespace Auth.Application.SignIn.BeginPasskeySignIn;

/// <summary>Starts a passwordless sign-in: options naming no user, so the browser offers the discoverable passkeys it holds.</summary>
public sealed record BeginPasskeySignInCommand : IRequest<Result<PasskeyCeremonyStarted>>;

public sealed class BeginPasskeySignInCommandHandler(IAuthDbContext db, IPasskeyVerifier verifier, PasskeyCeremonies ceremonies)
    : IRequestHandler<BeginPasskeySignInCommand, Result<PasskeyCeremonyStarted>>
{
    public async Task<Result<PasskeyCeremonyStarted>> Handle(BeginPasskeySignInCommand request, CancellationToken cancellationToken)
    {
        var options = await verifier.CreateRequestOptionsAsync(null, cancellationToken);
        var started = ceremonies.Begin(PasskeyCeremonyPurpose.SignIn, null, null, null, options);
        await db.SaveChangesAsync(cancellationToken);
        return started;
    }
}
