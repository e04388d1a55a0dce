using Auth.Application.Common.Models;
using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Tfa.RedeemBackupToken;

/// <summary>Completes a two-step login with a single-use backup token (<c>POST /tfa/recover_tfa</c>).</summary>
public sealed record RedeemBackupTokenCommand(Guid UserId, Guid ChallengeId, string BackupToken, ClientContext Client)
    : IRequest<Result<TfaLoginResult>>
{
    public override string ToString() => nameof(RedeemBackupTokenCommand);
}
