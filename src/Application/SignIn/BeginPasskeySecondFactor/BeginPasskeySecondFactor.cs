using Auth.Application.Common.Interfaces;
using Auth.Application.Passkeys.Common;
using Auth.Application.SignIn.SecondFactor;
using Auth.Domain.Common;
using Auth.Domain.Passkeys;
using Auth.Domain.Tfa;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.SignIn.BeginPasskeySecondFactor;

/// <summary>
/// Starts proving the second factor of a password-verified sign-in with a passkey: options naming only this user's
/// passkeys, bound to the open TFA challenge. Nothing is counted yet; the answer is.
/// </summary>
public sealed record BeginPasskeySecondFactorCommand(Guid UserId, Guid ChallengeId) : IRequest<Result<PasskeyCeremonyStarted>>;

public sealed class BeginPasskeySecondFactorCommandHandler(
    IAuthDbContext db,
    IPasskeyVerifier verifier,
    PasskeyCeremonies ceremonies,
    SecondFactorSignIn secondFactor) : IRequestHandler<BeginPasskeySecondFactorCommand, Result<PasskeyCeremonyStarted>>
{
    public async Task<Result<PasskeyCeremonyStarted>> Handle(BeginPasskeySecondFactorCommand request, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        var open = user is not null && await secondFactor.OpenChallenge(request.ChallengeId, user).AnyAsync(cancellationToken);
        if (user is null || !open)
        {
            return TfaErrors.ChallengeClosed;
        }

        if (!await db.Passkeys.AnyAsync(p => p.UserId == user.Id, cancellationToken))
        {
            return PasskeyErrors.NotFound;
        }

        var options = await verifier.CreateRequestOptionsAsync(user, cancellationToken);
        var started = ceremonies.Begin(PasskeyCeremonyPurpose.SecondFactor, user.Id, request.ChallengeId, user.SecurityStamp, options);
        await db.SaveChangesAsync(cancellationToken);
        return started;
    }
}
