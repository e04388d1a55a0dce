using Auth.Application.Auth.Common;
using Auth.Application.Common.Models;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Auth.Login;

public sealed record LoginCommand(string Email, string Password, ClientContext Client) : IRequest<Result<LoginResult>>
{
    public override string ToString() => nameof(LoginCommand);
}
