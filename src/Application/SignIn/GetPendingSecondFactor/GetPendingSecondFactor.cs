using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.GetPendingSecondFactor;

/// <summary>
/// The sign-in a browser's pre-TFA token (held in a cookie between the two steps) stands for, and whether the second
/// step may offer a passkey. The token is validated as the JSON API's pre-TFA scheme validates it; the second factor's
/// own command then checks the challenge.
/// </summary>
public sealed record GetPendingSecondFactorQuery(string PreTfaToken) : IRequest<Result<PendingSecondFactor>>
{
    public override string ToString() => nameof(GetPendingSecondFactorQuery);
}

/// <param name="RememberDeviceFor">How long "remember this device" skips the second step (zero: the choice is not offered).</param>
public sealed record PendingSecondFactor(Guid UserId, Guid ChallengeId, bool HasPasskey, TimeSpan RememberDeviceFor = default);

public sealed class GetPendingSecondFactorQueryHandler(IPreTfaTokenIssuer preTfaTokens, IAuthDbContext db, IOptions<TfaOptions> tfa)
    : IRequestHandler<GetPendingSecondFactorQuery, Result<PendingSecondFactor>>
{
    public async Task<Result<PendingSecondFactor>> Handle(GetPendingSecondFactorQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await preTfaTokens.ReadAsync(request.PreTfaToken) is not { } caller)
        {
            return TfaErrors.ChallengeClosed;
        }

        var hasPasskey = await db.Passkeys.AnyAsync(p => p.UserId == caller.UserId, cancellationToken);
        return new PendingSecondFactor(caller.UserId, caller.ChallengeId, hasPasskey, tfa.Value.RememberDeviceLifetime);
    }
}
