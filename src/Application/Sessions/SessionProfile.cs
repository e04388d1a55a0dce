using Auth.Domain.Sessions;
using AutoMapper;

namespace Auth.Application.Sessions;

public sealed class SessionProfile : Profile
{
    /// <summary>The key under which the caller's session id is passed to a map, to mark the current session.</summary>
    public const string CurrentSessionIdKey = "CurrentSessionId";

    public SessionProfile()
    {
        CreateMap<Session, SessionDto>()
            .ForCtorParam(nameof(SessionDto.Current), o => o.MapFrom((session, context) =>
                context.TryGetItems(out var items)
                && items.TryGetValue(CurrentSessionIdKey, out var current)
                && current is Guid id
                && id == session.Id));
    }
}
