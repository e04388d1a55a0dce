using Auth.Application.Auth.Common;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Auth.Logout;

public sealed record LogoutCommand(CurrentSession Caller) : IRequest<Result<Success>>;
