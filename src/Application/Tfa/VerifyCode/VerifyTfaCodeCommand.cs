using Auth.Application.Common.Models;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Tfa.VerifyCode;

/// <summary>Completes a two-step login with a TOTP code or an emailed code (<c>POST /tfa/login_tfa</c>).</summary>
public sealed record VerifyTfaCodeCommand(Guid UserId, Guid ChallengeId, string Code, ClientContext Client)
    : IRequest<Result<TfaLoginResult>>
{
    public override string ToString() => nameof(VerifyTfaCodeCommand);
}
