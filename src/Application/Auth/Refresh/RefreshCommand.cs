using Auth.Application.Auth.Common;
using Auth.Application.Common.Models;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Auth.Refresh;

public sealed record RefreshCommand(string RefreshToken, ClientContext Client) : IRequest<Result<TokenPair>>
{
    public override string ToString() => nameof(RefreshCommand);
}
