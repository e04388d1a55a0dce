using Auth.Application.Common.Interfaces;
using Auth.Application.Users;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.GetCurrentUser;

public sealed record GetCurrentUserQuery(Guid UserId) : IRequest<Result<UserDto>>;

public sealed class GetCurrentUserQueryHandler(IAuthDbContext db) : IRequestHandler<GetCurrentUserQuery, Result<UserDto>>
{
    public async Task<Result<UserDto>> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken)
    {
        var user = await UserDto.Project(db.Users.Where(u => u.Id == request.UserId), db.Devices).SingleOrDefaultAsync(cancellationToken);
        return user is null ? UserErrors.NotFound : user;
    }
}
