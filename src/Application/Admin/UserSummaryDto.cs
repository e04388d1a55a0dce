namespace Auth.Application.Admin;

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
    DateTimeOffset? ThrottledUntil);

public sealed record UserPage(int Page, int PageSize, int Total, IReadOnlyList<UserSummaryDto> Items);
