using Auth.Domain.Users;

namespace Auth.Application.Admin.Users;

/// <summary>A user as administrators see them: TFA state, passkeys, roles, throttling state and last login.</summary>
public sealed record UserSummaryDto(
    Guid Id,
    string Email,
    bool EmailVerified,
    string FullName,
    bool TfaEnabled,
    int Passkeys,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastLoginAt,
    bool Disabled,
    int ConsecutiveFailures,
    DateTimeOffset? ThrottledUntil,
    int SecondFactorFailures)
{
    public static UserSummaryDto From(User user, bool tfaEnabled, int passkeys, SignInThrottle? throttle)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserSummaryDto(user.Id, user.Email, user.IsEmailVerified, user.FullName, tfaEnabled, passkeys, user.Roles.ToList(), user.CreatedAt, user.LastLoginAt, user.IsDisabled,
            throttle?.ConsecutiveFailures ?? 0, throttle?.ThrottledUntil, user.SecondFactorFailures);
    }
}

/// <summary>
/// A page of users. <see cref="Total"/> counts at most <see cref="Common.Models.Keyset.MaxCounted"/> (then
/// <see cref="TotalIsCapped"/>); <see cref="NextCursor"/>, when present, is where the next page starts.
/// </summary>
public sealed record UserPage(int Page, int PageSize, int Total, bool TotalIsCapped, string? NextCursor, IReadOnlyList<UserSummaryDto> Items);
