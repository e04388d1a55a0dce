using Auth.Application.Users;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;

namespace Auth.Application.Auth.GetCurrentUser;

public sealed record GetCurrentUserQuery(Guid UserId) : IRequest<Result<UserDto>>;

public sealed class GetCurrentUserQueryHandler(ICurrentUserReader users) : IRequestHandler<GetCurrentUserQuery, Result<UserDto>>
{
    public async Task<Result<UserDto>> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(request.UserId, cancellationToken);
        return user is null ? UserErrors.NotFound : user;
    }
}
