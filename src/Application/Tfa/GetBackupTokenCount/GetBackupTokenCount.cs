using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Tfa.GetBackupTokenCount;

public sealed record GetBackupTokenCountQuery(Guid UserId) : IRequest<Result<int>>;

public sealed class GetBackupTokenCountQueryHandler(Common.BackupTokenService backupTokens)
    : IRequestHandler<GetBackupTokenCountQuery, Result<int>>
{
    public async Task<Result<int>> Handle(GetBackupTokenCountQuery request, CancellationToken cancellationToken) =>
        await backupTokens.CountUnusedAsync(request.UserId, cancellationToken);
}
