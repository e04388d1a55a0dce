namespace Auth.Application.Users;

/// <summary>
/// Reads a user as they see themselves, for <c>/me</c>: the most frequent authenticated read, so Infrastructure serves
/// it with a query compiled once (no expression tree to translate or look up per request).
/// </summary>
public interface ICurrentUserReader
{
    Task<UserDto?> FindAsync(Guid userId, CancellationToken cancellationToken);
}
