using Auth.Application.Users;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Auth.Signup;

public sealed record SignupCommand(string Email, string Password, string FullName) : IRequest<Result<UserDto>>
{
    public override string ToString() => nameof(SignupCommand);
}
