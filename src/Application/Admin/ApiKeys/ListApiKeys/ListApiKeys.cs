using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.ApiKeys.ListApiKeys;

public sealed record ListApiKeysQuery : IRequest<Result<IReadOnlyList<ApiKeyDto>>>;

public sealed class ListApiKeysQueryHandler(IAuthDbContext db) : IRequestHandler<ListApiKeysQuery, Result<IReadOnlyList<ApiKeyDto>>>
{
    public async Task<Result<IReadOnlyList<ApiKeyDto>>> Handle(ListApiKeysQuery request, CancellationToken cancellationToken)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<ApiKeyDto>>.From(keys
            .Select(k => new ApiKeyDto(k.Id, k.Name, k.DisplayPrefix, k.Scopes.ToList(), k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt))
            .ToList());
    }
}
