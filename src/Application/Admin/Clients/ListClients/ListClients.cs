using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Admin.Clients.ListClients;

public sealed record ListClientsQuery : IRequest<Result<IReadOnlyList<ClientDto>>>;

public sealed class ListClientsQueryHandler(IClientRegistry clients) : IRequestHandler<ListClientsQuery, Result<IReadOnlyList<ClientDto>>>
{
    public async Task<Result<IReadOnlyList<ClientDto>>> Handle(ListClientsQuery request, CancellationToken cancellationToken) =>
        Result<IReadOnlyList<ClientDto>>.From(await clients.ListAsync(cancellationToken));
}
