using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Domain.Common;
using FluentValidation;
using MediatR;

namespace Auth.Application.Admin.Clients.ListClients;

/// <summary>The registered clients in client id order, a page at a time (<see cref="Cursor"/>: where the last page ended).</summary>
public sealed record ListClientsQuery(int PageSize = KeysetRules.MaxPageSize, string? Cursor = null) : IRequest<Result<CursorPage<ClientDto>>>;

public sealed class ListClientsQueryValidator : AbstractValidator<ListClientsQuery>
{
    public ListClientsQueryValidator() => this.PagesByCursor(q => q.PageSize, q => q.Cursor, c => TextKeyset.TryDecode(c) is { Part: 0 });
}

public sealed class ListClientsQueryHandler(IClientRegistry clients) : IRequestHandler<ListClientsQuery, Result<CursorPage<ClientDto>>>
{
    public async Task<Result<CursorPage<ClientDto>>> Handle(ListClientsQuery request, CancellationToken cancellationToken)
    {
        var fetched = await clients.ListAsync(TextKeyset.TryDecode(request.Cursor)?.Key, request.PageSize + 1, cancellationToken);
        var (page, next) = Keyset.Cut(fetched.ToList(), request.PageSize, c => new TextKeyset(0, c.ClientId, Guid.Empty).Encode());
        return new CursorPage<ClientDto>(page, next);
    }
}
