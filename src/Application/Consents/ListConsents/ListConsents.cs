using Auth.Application.Admin.Clients;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Consents.ListConsents;

/// <summary>The third-party apps a user allowed, for the account page.</summary>
public sealed record ListConsentsQuery(Guid UserId) : IRequest<Result<IReadOnlyList<ConsentDto>>>;

public sealed class ListConsentsQueryHandler(IClientRegistry clients) : IRequestHandler<ListConsentsQuery, Result<IReadOnlyList<ConsentDto>>>
{
    public async Task<Result<IReadOnlyList<ConsentDto>>> Handle(ListConsentsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Result<IReadOnlyList<ConsentDto>>.From(await clients.ListConsentsAsync(request.UserId, cancellationToken));
    }
}
