using Auth.Application.Common.Interfaces;
using Auth.Application.Users;
using Auth.Domain.Common;
using Auth.Domain.Users;
using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.GetCurrentUser;

public sealed class GetCurrentUserQueryHandler(IAuthDbContext db, IMapper mapper)
    : IRequestHandler<GetCurrentUserQuery, Result<UserDto>>
{
    public async Task<Result<UserDto>> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == request.UserId, cancellationToken);
        return user is null ? UserErrors.NotFound : mapper.Map<UserDto>(user);
    }
}
