using Auth.Domain.Tfa;
using Auth.Domain.Users;

namespace Auth.Application.Users;

/// <summary>A user as they see themselves (<c>/me</c>, sign-up). <see cref="TfaEnabled"/> is derived: an active device exists.</summary>
public sealed record UserDto(Guid Id, string Email, bool EmailVerified, string FullName, bool TfaEnabled, DateTimeOffset CreatedAt)
{
    /// <summary>The DTO in SQL: only these columns, and one EXISTS for the device.</summary>
    public static IQueryable<UserDto> Project(IQueryable<User> users, IQueryable<Device> devices) =>
        users.Select(u => new UserDto(
            u.Id, u.Email, u.EmailVerifiedAt != null, u.FullName, devices.Any(d => d.UserId == u.Id && d.Status == DeviceStatus.Active), u.CreatedAt));

    public static UserDto From(User user, bool tfaEnabled)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserDto(user.Id, user.Email, user.IsEmailVerified, user.FullName, tfaEnabled, user.CreatedAt);
    }
}
