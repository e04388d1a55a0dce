using Auth.Application.Auth.Common;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Sessions.ListSessions;

public sealed record ListSessionsQuery(CurrentSession Caller) : IRequest<Result<IReadOnlyList<SessionDto>>>;
