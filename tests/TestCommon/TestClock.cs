using Microsoft.Extensions.Time.Testing;

namespace Auth.TestCommon;

public static class TestClock
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock that moves only when a test advances it.</summary>
    public static FakeTimeProvider Create() => new(Start);
}
