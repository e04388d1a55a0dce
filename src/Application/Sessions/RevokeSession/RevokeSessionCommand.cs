using Auth.Application.Auth.Common;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Sessions.RevokeSession;

public sealed record RevokeSessionCommand(CurrentSession Caller, Guid SessionId) : IRequest<Result<Success>>;
