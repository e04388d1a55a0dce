using Auth.Domain.Users;
using AutoMapper;

namespace Auth.Application.Users;

public sealed class UserProfile : Profile
{
    public UserProfile()
    {
        CreateMap<User, UserDto>();
    }
}
