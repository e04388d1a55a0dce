using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Tfa.ConfirmTfa;

/// <summary>Proves a pending device with a code; TFA is then enforced and backup tokens are issued.</summary>
public sealed record ConfirmTfaCommand(Guid UserId, string Code) : IRequest<Result<BackupTokensDto>>
{
    public override string ToString() => nameof(ConfirmTfaCommand);
}
