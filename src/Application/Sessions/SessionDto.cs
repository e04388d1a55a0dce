using Auth.Domain.Sessions;

namespace Auth.Application.Sessions;

public sealed record SessionDto(
    Guid Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    DateTimeOffset ExpiresAt,
    string? UserAgent,
    string? IpAddress,
    bool Current)
{
    /// <summary>The DTO in SQL; <paramref name="currentSessionId"/> marks the caller's own session.</summary>
    public static IQueryable<SessionDto> Project(IQueryable<Session> sessions, Guid currentSessionId) =>
        sessions.Select(s => new SessionDto(s.Id, s.CreatedAt, s.LastUsedAt, s.ExpiresAt, s.UserAgent, s.IpAddress, s.Id == currentSessionId));
}
