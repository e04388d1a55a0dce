using Auth.Application.Users;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Auth.GetCurrentUser;

public sealed record GetCurrentUserQuery(Guid UserId) : IRequest<Result<UserDto>>;
