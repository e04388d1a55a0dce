using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Tfa.RegenerateBackupTokens;

/// <summary>Replaces the backup tokens with a new set, proven with a current code; the old set stops working.</summary>
public sealed record RegenerateBackupTokensCommand(Guid UserId, string Code) : IRequest<Result<BackupTokensDto>>
{
    public override string ToString() => nameof(RegenerateBackupTokensCommand);
}
