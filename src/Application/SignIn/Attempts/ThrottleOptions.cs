using Auth.Domain.Users;

namespace Auth.Application.SignIn.Attempts;

/// <summary>Per-account throttling. It is always on; only its numbers can be changed.</summary>
public sealed class ThrottleOptions
{
    public const string SectionName = "Throttling";

    /// <summary>Consecutive failures allowed before waiting starts.</summary>
    public int FreeAttempts { get; set; } = 5;

    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Consecutive failures after which the name is blocked until a reset (NIST SP 800-63B allows at most 100).</summary>
    public int HardLimit { get; set; } = 100;

    public ThrottlePolicy ToPolicy() => new(FreeAttempts, BaseDelay, MaxDelay, HardLimit);
}
