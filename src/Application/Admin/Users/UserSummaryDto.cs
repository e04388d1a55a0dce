using Auth.Domain.Users;

namespace Auth.Application.Admin.Users;

/// <summary>A user as administrators see them: TFA state, roles, throttling state and last login.</summary>
public sealed record UserSummaryDto(
    Guid Id,
    string Email,
    string FullName,
    bool TfaEnabled,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt,
    int ConsecutiveFailures,
    DateTimeOffset? ThrottledUntil)
{
    public static UserSummaryDto From(User user, bool tfaEnabled, SignInThrottle? throttle)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserSummaryDto(user.Id, user.Email, user.FullName, tfaEnabled, user.Roles.ToList(), user.CreatedAt, user.LastLoginAt,
            throttle?.ConsecutiveFailures ?? 0, throttle?.ThrottledUntil);
    }
}

public sealed record UserPage(int Page, int PageSize, int Total, IReadOnlyList<UserSummaryDto> Items);
