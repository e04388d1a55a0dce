using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.ApiKeys.ListApiKeys;

/// <summary>The service clients' API keys, oldest first, a page at a time (<see cref="Cursor"/>: where the last page ended).</summary>
public sealed record ListApiKeysQuery(int PageSize = KeysetRules.MaxPageSize, string? Cursor = null) : IRequest<Result<CursorPage<ApiKeyDto>>>;

public sealed class ListApiKeysQueryValidator : AbstractValidator<ListApiKeysQuery>
{
    public ListApiKeysQueryValidator() => this.PagesByCursor(q => q.PageSize, q => q.Cursor, c => Keyset.TryDecode(c) is not null);
}

public sealed class ListApiKeysQueryHandler(IAuthDbContext db) : IRequestHandler<ListApiKeysQuery, Result<CursorPage<ApiKeyDto>>>
{
    public async Task<Result<CursorPage<ApiKeyDto>>> Handle(ListApiKeysQuery request, CancellationToken cancellationToken)
    {
        var keys = db.ApiKeys.AsNoTracking();
        if (Keyset.TryDecode(request.Cursor) is { } after)
        {
            keys = keys.Where(k => k.CreatedAt >= after.At && (k.CreatedAt > after.At || k.Id.CompareTo(after.Id) > 0));
        }

        var fetched = await keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).Take(request.PageSize + 1).ToListAsync(cancellationToken);
        var (page, next) = Keyset.Cut(fetched, request.PageSize, k => new Keyset(k.CreatedAt, k.Id));
        return new CursorPage<ApiKeyDto>(
            page.Select(k => new ApiKeyDto(k.Id, k.Name, k.DisplayPrefix, k.Scopes.ToList(), k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt)).ToList(),
            next);
    }
}
