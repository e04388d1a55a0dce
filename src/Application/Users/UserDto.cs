namespace Auth.Application.Users;

public sealed record UserDto(Guid Id, string Email, string FullName, bool TfaEnabled, DateTimeOffset CreatedAt);
