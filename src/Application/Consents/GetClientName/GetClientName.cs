using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Consents.GetClientName;

/// <summary>The display name of a registered app, for the sign-in page to say which app asked; null when unknown.</summary>
public sealed record GetClientNameQuery(string ClientId) : IRequest<Result<string?>>;

public sealed class GetClientNameQueryHandler(IClientRegistry clients) : IRequestHandler<GetClientNameQuery, Result<string?>>
{
    public async Task<Result<string?>> Handle(GetClientNameQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Result<string?>.From(await clients.DisplayNameAsync(request.ClientId, cancellationToken));
    }
}
