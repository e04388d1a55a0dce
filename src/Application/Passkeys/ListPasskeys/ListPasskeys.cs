using Auth.Application.Common.Interfaces;
using Auth.Application.Passkeys.Common;
using Auth.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Passkeys.ListPasskeys;

/// <summary>The user's passkeys, oldest first.</summary>
public sealed record ListPasskeysQuery(Guid UserId) : IRequest<Result<IReadOnlyList<PasskeyDto>>>;

public sealed class ListPasskeysQueryHandler(IAuthDbContext db) : IRequestHandler<ListPasskeysQuery, Result<IReadOnlyList<PasskeyDto>>>
{
    public async Task<Result<IReadOnlyList<PasskeyDto>>> Handle(ListPasskeysQuery request, CancellationToken cancellationToken)
    {
        var passkeys = await db.Passkeys.AsNoTracking().Where(p => p.UserId == request.UserId).ToListAsync(cancellationToken);
        return passkeys.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(PasskeyDto.From).ToList();
    }
}
